"""Net pay, Kindergeld and the monthly balance against hand-computed figures.

Hand computation for 3,000 € gross, tax class I, no children (2026):
social insurance 9.3 + 1.3 + 8.75 + 2.4 (1.8 + 0.6 childless) % = 21.75 % → 652.50 €;
taxable = 36,000 − 1,230 − 36 − 12 × (279 + 262.50 + 72) = 27,372 €;
z = (27,372 − 17,799) / 10,000 = 0.9573 → (173.10 z + 2,397) z + 1,034.87 = 3,488 €/year
→ 290.67 €/month; net = 3,000 − 652.50 − 290.67 = 2,056.83 €.
"""

import numpy as np
import pytest

from stadt360.bundles.engine import money


def test_income_tax_tariff_2026_zones() -> None:
    assert money.income_tax_annual(12_348) == 0
    assert money.income_tax_annual(27_372) == 3_488
    # Zone 4 (42 %): 0.42 × 100,000 − 11,135.63 = 30,864.37 → 30,864.
    assert money.income_tax_annual(100_000) == 30_864
    # The tariff is continuous at its zone borders.
    assert money.income_tax_annual(17_799) == pytest.approx(1_034, abs=1)
    assert money.income_tax_annual(69_878) == pytest.approx(18_213, abs=1)


def test_net_pay_single_without_children() -> None:
    assert float(money.net_monthly(3_000, 1, 0)) == pytest.approx(2_056.83, abs=0.01)


def test_splitting_and_children_lower_the_deductions() -> None:
    # Class III: care 1.8 % → SI 634.50; taxable 27,588 split → 2 × T(13,794) = 2 × 221 = 442.
    assert float(money.net_monthly(3_000, 3, 2)) == pytest.approx(
        3_000 - 634.50 - 442 / 12, abs=0.01
    )
    assert money.net_monthly(3_000, 2, 1) > money.net_monthly(3_000, 1, 1)


def test_contribution_ceilings_cap_social_insurance() -> None:
    at_ceiling = money.social_insurance_monthly(8_450, has_children=True)
    assert money.social_insurance_monthly(20_000, has_children=True) == at_ceiling
    assert float(at_ceiling) == pytest.approx(8_450 * 0.106 + 5_812.5 * 0.1055)


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


def test_tax_class_rule() -> None:
    assert money.tax_class_for(1, 0, 0.0) == 1
    assert money.tax_class_for(1, 2, 0.0) == 2
    assert money.tax_class_for(2, 1, 0.0) == 3
    assert money.tax_class_for(2, 1, 1_200.0) == 4
