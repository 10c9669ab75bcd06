"""Net pay, tax classes, Kindergeld and the monthly balance against hand-computed figures.

Every expected value below is worked out by hand in the comments from the published
2026 parameters (docs/engine.md, "Money"), not by calling the code under test:

- Tariff § 32a EStG 2026: T(x) = 0 up to 12,348; (914.51 y + 1,400) y with
  y = (x − 12,348)/10,000 up to 17,799; (173.10 z + 2,397) z + 1,034.87 with
  z = (x − 17,799)/10,000 up to 69,878; 0.42 x − 11,135.63 up to 277,825; rounded down.
- Employee social insurance 2026: pension 9.3 % + unemployment 1.3 % up to 8,450 €;
  health 7.3 % + 1.45 % (half the 2.9 % average Zusatzbeitrag) + care 1.8 % (+0.6 %
  childless, −0.25 points per child from the 2nd) up to 5,812.50 €.
- Vorsorgepauschale 2026 (§ 39b Abs. 2 Satz 5 Nr. 3 EStG) on 12 × gross: RV 9.3 %,
  KV/PV (7.0 % + 1.45 % + care rate), ALV 1.3 % only while KV/PV + ALV ≤ 1,900 €
  (not in class VI); the sum rounded up. Allowances: 1,230 + 36 (+ 4,260 in class II;
  none in VI). Monthly tax = annual / 12, cents rounded down.
"""

import numpy as np
import pytest

from stadt360.bundles.engine import money, wage_tax
from stadt360.bundles.engine.inputs import Household, MoneyParams

EURO = 1.0  # the brief's tolerance: within ±1 € of the hand result


def net(gross: float, tax_class: int, children: int) -> float:
    return float(money.net_monthly(gross, tax_class, children))


def test_income_tax_tariff_2026_zones() -> None:
    assert wage_tax.income_tax_annual(12_348) == 0
    # z = 0.9681 → (167.58 + 2,397) × 0.9681 + 1,034.87 = 3,517.6 → 3,517.
    assert wage_tax.income_tax_annual(27_480) == 3_517
    # Zone 4 (42 %): 0.42 × 100,000 − 11,135.63 = 30,864.37 → 30,864.
    assert wage_tax.income_tax_annual(100_000) == 30_864
    assert wage_tax.income_tax_annual(17_799) == pytest.approx(1_034, abs=1)
    assert wage_tax.income_tax_annual(69_878) == pytest.approx(18_213, abs=1)


def test_case01_class1_childless_surcharge() -> None:
    # 3,000 € gross, class I, no child (care 2.4 %):
    # SI = 3,000 × 10.6 % = 318 + 3,000 × (8.75 + 2.4) % = 334.50 → 652.50.
    # VSP = 3,348 (RV) + 36,000 × 10.85 % = 3,906 (KV/PV > 1,900 → no ALV) = 7,254.
    # zvE = 36,000 − 1,266 − 7,254 = 27,480 → T = 3,517 → 293.08 / month; no Soli.
    # Net = 3,000 − 652.50 − 293.08 = 2,054.42.
    assert net(3_000, 1, 0) == pytest.approx(2_054.42, abs=EURO)


def test_case02_class2_single_parent() -> None:
    # 2,500 €, class II, one child (care 1.8 %): SI = 265 + 263.75 = 528.75.
    # VSP = 2,790 + 30,000 × 10.25 % = 3,075 → 5,865; allowances 1,266 + 4,260.
    # zvE = 30,000 − 5,526 − 5,865 = 18,609 → z = 0.081 → 1,230 → 102.50 / month.
    # Net = 2,500 − 528.75 − 102.50 = 1,868.75.
    assert net(2_500, 2, 1) == pytest.approx(1_868.75, abs=EURO)


def test_case03_class3_two_children_discount() -> None:
    # 3,000 €, class III, two children: care 1.8 − 0.25 = 1.55 %.
    # SI = 318 + 3,000 × 10.30 % = 309 → 627.
    # VSP = 3,348 + 36,000 × 10.0 % = 3,600 → 6,948; zvE = 36,000 − 1,266 − 6,948 = 27,786.
    # Splitting: 2 × T(13,893) = 2 × 238 = 476 → 39.66 / month.
    # Net = 3,000 − 627 − 39.66 = 2,333.34.
    assert net(3_000, 3, 2) == pytest.approx(2_333.34, abs=EURO)


def test_case04_class4_one_child() -> None:
    # 3,000 €, class IV, one child: SI = 318 + 3,000 × 10.55 % = 316.50 → 634.50.
    # VSP = 3,348 + 36,000 × 10.25 % = 3,690 → 7,038; zvE = 27,696 → T = 3,576 → 298.00.
    # Net = 3,000 − 634.50 − 298 = 2,067.50.
    assert net(3_000, 4, 1) == pytest.approx(2_067.50, abs=EURO)


def test_case05_class5() -> None:
    # 2,500 €, class V, one child: SI 528.75 (as case 2); VSP 5,865; allowances 1,266.
    # zvE = 30,000 − 1,266 − 5,865 = 22,869 (between W1 = 14,071 and W2 = 34,939):
    # core(22,869) = max(2 × (T(28,586) − T(17,151)) = 2 × (3,821 − 883) = 5,876,
    #                    14 % = 3,201) = 5,876;
    # core(14,071) = max(2 × (T(17,588) − T(10,553)) = 1,968, 14 % = 1,969) = 1,969;
    # 1,969 + 0.42 × (22,869 − 14,071) = 5,664.16 → 5,664 < 5,876 → 5,664 → 472.00.
    # Net = 2,500 − 528.75 − 472 = 1,499.25.
    assert net(2_500, 5, 1) == pytest.approx(1_499.25, abs=EURO)


def test_case06_class6_no_allowances() -> None:
    # 2,000 € (the transition zone's top: reduced base = 2,000), class VI, childless:
    # SI = 2,000 × 21.75 % = 435. VSP without ALV = 2,232 + 24,000 × 10.85 % = 2,604
    # → 4,836; no allowances: zvE = 24,000 − 4,836 = 19,164.
    # core(19,164) = max(2 × (T(23,955) − T(14,373)) = 2 × (2,576 − 321) = 4,510, 2,682);
    # 1,969 + 0.42 × (19,164 − 14,071) = 4,108.06 → 4,108 < 4,510 → 342.33 / month.
    # Net = 2,000 − 435 − 342.33 = 1,222.67.
    assert net(2_000, 6, 0) == pytest.approx(1_222.67, abs=EURO)


def test_case07_midijob_reduced_contributions() -> None:
    # 1,205 €, class I, childless: reduced base (§ 20 Abs. 2a SGB IV, 2026)
    # = 2,000 / (2,000 − 603) × (1,205 − 603) = 1.431639 × 602 = 861.85;
    # SI = 861.85 × 21.75 % = 187.45 (regular: 1,205 × 21.75 % = 262.09, i.e. 74.64 more).
    # Tax: VSP on the full gross = 1,344.78 + 1,568.91 + ALV up to 1,900 → 3,102;
    # zvE = 14,460 − 1,266 − 3,102 = 10,092 < 12,348 → 0. Net = 1,205 − 187.45 = 1,017.55.
    assert net(1_205, 1, 0) == pytest.approx(1_017.55, abs=EURO)
    assert float(money.social_insurance_monthly(1_205, 0)) == pytest.approx(187.45, abs=EURO)


def test_case08_minijob() -> None:
    # 550 € ≤ 603 €: only the pension top-up 3.6 % = 19.80; the employer pays the flat tax.
    # Net = 550 − 19.80 = 530.20 (in any tax class).
    assert net(550, 1, 0) == pytest.approx(530.20, abs=EURO)
    assert net(550, 3, 2) == pytest.approx(530.20, abs=EURO)


def test_case09_class3_four_children_discount() -> None:
    # 4,000 €, class III, four children: care 1.8 − 3 × 0.25 = 1.05 %.
    # SI = 424 + 4,000 × 9.80 % = 392 → 816.
    # VSP = 4,464 + 48,000 × 9.5 % = 4,560 → 9,024; zvE = 48,000 − 1,266 − 9,024 = 37,710.
    # 2 × T(18,855) = 2 × 1,289 = 2,578 → 214.83 / month.
    # Net = 4,000 − 816 − 214.83 = 2,969.17.
    assert net(4_000, 3, 4) == pytest.approx(2_969.17, abs=EURO)


def test_case10_ceilings_and_soli_taper() -> None:
    # 9,000 €, class I, childless: both ceilings bind.
    # SI = 8,450 × 10.6 % = 895.70 + 5,812.50 × 11.15 % = 648.09 → 1,543.79.
    # VSP = 101,400 × 9.3 % = 9,430.20 + 69,750 × 10.85 % = 7,567.88 → 16,999.
    # zvE = 108,000 − 1,266 − 16,999 = 89,735 → 0.42 x − 11,135.63 = 26,553 → 2,212.75.
    # Soli: 26,553 > 20,350: min(5.5 % = 1,460.42, 11.9 % × 6,203 = 738.16) → 61.51 / month.
    # Net = 9,000 − 1,543.79 − 2,212.75 − 61.51 = 5,181.95.
    assert net(9_000, 1, 0) == pytest.approx(5_181.95, abs=EURO)
    _tax, soli = money.wage_tax_monthly(9_000, 1, 0)
    assert float(soli) == pytest.approx(61.51, abs=0.01)


def test_case11_full_soli() -> None:
    # 12,000 €, class I, childless: SI 1,543.79; VSP 16,999; zvE = 125,735
    # → 0.42 × 125,735 − 11,135.63 = 41,673 → 3,472.75 / month.
    # Soli: 5.5 % = 2,292.01 < taper 11.9 % × 21,323 = 2,537.44 → 191.00 / month.
    # Net = 12,000 − 1,543.79 − 3,472.75 − 191.00 = 6,792.46.
    assert net(12_000, 1, 0) == pytest.approx(6_792.46, abs=EURO)


def test_case12_contribution_ceilings_cap_social_insurance() -> None:
    # Above both ceilings nothing grows: 8,450 × 10.6 % + 5,812.50 × (8.75 + 1.8) % with a child.
    at_ceiling = money.social_insurance_monthly(8_450, 1)
    assert money.social_insurance_monthly(20_000, 1) == at_ceiling
    assert float(at_ceiling) == pytest.approx(895.70 + 613.22, abs=EURO)


def test_case13_couple_classes_pick_the_better_pair() -> None:
    # 4,000 € and 1,500 € (a midijob), one child. SI is the same in both pairs.
    # IV/IV: 4,000: VSP 4,464 + 48,000 × 10.25 % = 4,920 → 9,384; zvE 37,350 → 6,382 → 531.83;
    #        1,500: VSP 1,674 + max(1,845, min(1,845 + 234, 1,900)) = 3,574; zvE 13,160
    #        → T = 119 → 9.91. Tax together 541.74 €.
    # III/V: 4,000 in III: 2 × T(18,675) = 2 × 1,246 = 2,492 → 207.66;
    #        1,500 in V: core(13,160) = max(2 × T(16,450) = 1,456, 14 % = 1,842) → 153.50.
    #        Tax together 361.16 € → III/V leaves 180.58 € more.
    pair = money.couple_classes(4_000, 1_500, 1)
    assert (int(pair.class_a), int(pair.class_b)) == (3, 5)
    gain = float(pair.net_a + pair.net_b) - (net(4_000, 4, 1) + net(1_500, 4, 1))
    assert gain == pytest.approx(541.74 - 361.16, abs=EURO)
    # 3,000 € each, one child: IV/IV 2 × 298 = 596 €; III/V 38.33 + 632.33 = 670.66 €.
    pair = money.couple_classes(3_000, 3_000, 1)
    assert (int(pair.class_a), int(pair.class_b)) == (4, 4)
    # Arrays work element-wise; the higher earner takes III when the pair is III/V.
    pair = money.couple_classes(np.array([1_500.0, 4_000.0]), np.array([4_000.0, 1_500.0]), 1)
    assert list(pair.class_a) == [5, 3]
    assert list(pair.class_b) == [3, 5]


def test_care_rate_surcharge_and_discounts() -> None:
    assert money.care_rate(0) == pytest.approx(0.024)
    assert money.care_rate(1) == pytest.approx(0.018)
    assert money.care_rate(2) == pytest.approx(0.0155)
    assert money.care_rate(5) == pytest.approx(0.008)
    assert money.care_rate(7) == pytest.approx(0.008)  # no discount beyond the 5th child


def test_health_extra_rate_is_a_parameter() -> None:
    # 3.9 % instead of 2.9 %: health grows by 0.5 % of 3,000 = 15 € a month.
    dearer = money.social_insurance_monthly(3_000, 0, MoneyParams(health_extra_rate=0.039))
    assert float(dearer - money.social_insurance_monthly(3_000, 0)) == pytest.approx(15.0)
    with pytest.raises(ValueError, match="health_extra_rate"):
        MoneyParams(health_extra_rate=-0.01)


def test_unknown_salary_is_estimated_at_minimum_wage() -> None:
    gross, estimated = money.estimated_gross(
        np.array([np.nan, 2_000.0, np.nan]),
        np.array([np.nan, 3_000.0, 2_800.0]),
        np.array([40.0, 40.0, 40.0]),
    )
    assert gross[0] == pytest.approx(13.90 * 40 * 52 / 12)
    assert list(gross[1:]) == [2_500.0, 2_800.0]
    assert list(estimated) == [True, False, False]


def test_balance_adds_kindergeld_and_subtracts_rent_and_fees() -> None:
    out = money.balance(
        net_pay=2_000.0, other_net_income=500.0, children=2, warm_rent=800.0, kita_fees=150.0
    )
    assert out["kindergeld"] == 518.0
    assert out["household_net"] == 3_018.0
    assert out["remaining"] == 2_068.0
    assert out["rent_share"] == pytest.approx(800 / 3_018, abs=1e-4)


def test_tax_class_rule_follows_marital_status() -> None:
    assert money.tax_class_for(1, 0, 0.0) == 1
    assert money.tax_class_for(1, 2, 0.0) == 2
    assert money.tax_class_for(2, 1, 0.0, married=True) == 3
    assert money.tax_class_for(2, 1, 1_200.0, married=True) == 4
    # An unmarried couple is taxed as two singles: I, never III (the audit's 307 € error).
    assert money.tax_class_for(2, 1, 0.0, married=False) == 1


def test_household_money_adds_other_income_and_kindergeld() -> None:
    # Unmarried couple, one child, partner without income: class I with care 1.8 %.
    household = Household(adults=2, child_age_months=(30,), married=False)
    expected = net(3_000, 1, 1) + 259.0
    assert float(money.household_money(np.array([3_000.0]), household)[0]) == pytest.approx(
        expected
    )
    married = Household(adults=2, child_age_months=(30,), married=True)
    assert money.household_money(np.array([3_000.0]), married)[0] > expected + 200


@pytest.mark.parametrize(
    ("household", "message"),
    [
        ({"adults": 1, "married": True}, "two adults"),
        ({"adults": 2, "tax_class": 3}, "married"),
        ({"adults": 2, "tax_class": 5}, "married"),
        ({"adults": 2, "tax_class": 4}, "married"),
        ({"adults": 1, "tax_class": 2}, "children"),
        ({"adults": 2, "tax_class": 2, "child_age_months": (12,)}, "single adult"),
        ({"adults": 2, "married": True, "tax_class": 1}, "not I or II"),
        ({"adults": 1, "tax_class": 6}, "second job"),
        ({"adults": 1, "tax_class": 7}, "1 to 6"),
    ],
)
def test_absurd_tax_combinations_raise(household: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Household(**household)


@pytest.mark.parametrize(
    "household",
    [
        {"adults": 1, "tax_class": 2, "child_age_months": (40,)},
        {"adults": 2, "married": True, "tax_class": 5},
        {"adults": 2, "tax_class": 1},
        {"adults": 2, "tax_class": 6},
    ],
)
def test_sensible_tax_combinations_pass(household: dict) -> None:
    assert Household(**household).tax_class == household["tax_class"]
