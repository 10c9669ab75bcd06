"""Monthly money of a household: German net pay from gross, Kindergeld, what remains.

Why an approximation: the engine ranks thousands of jobs per query and needs a net
income per job to judge rent burden; the exact payroll algorithm (PAP) is long and
changes yearly. This one follows § 32a EStG 2026 and the 2026 social-insurance rates and
ceilings, and is within a few euros of common Brutto-Netto calculators for ordinary
salaries. Deliberately left out: church tax, the Kinderfreibetrag comparison
(Günstigerprüfung, matters only for high incomes), the care-insurance discount for the
2nd+ child, minijob/midijob rules. All functions accept floats or NumPy arrays.
"""

import numpy as np

# § 32a EStG, tariff 2026 (annual taxable income → annual tax, euros).
BASIC_ALLOWANCE = 12_348.0
ZONE2_END = 17_799.0
ZONE3_END = 69_878.0
ZONE4_END = 277_825.0
# Flat annual deductions of an employee: Arbeitnehmer-Pauschbetrag, Sonderausgaben-Pauschbetrag.
WORK_EXPENSE_ALLOWANCE = 1_230.0
SPECIAL_EXPENSE_ALLOWANCE = 36.0
# § 24b EStG relief for single parents (tax class II): first child, each further child.
SINGLE_PARENT_RELIEF = 4_260.0
SINGLE_PARENT_RELIEF_PER_FURTHER_CHILD = 240.0
# Solidaritätszuschlag 2026: exemption limit on the income tax, 5.5 %, taper 11.9 %.
SOLI_EXEMPTION_SINGLE = 20_350.0
SOLI_RATE = 0.055
SOLI_TAPER = 0.119

# Employee shares of social insurance 2026 and monthly contribution ceilings.
PENSION_RATE = 0.093
UNEMPLOYMENT_RATE = 0.013
HEALTH_RATE = 0.0875  # 7.3 % + half of the average Zusatzbeitrag 2.9 %
CARE_RATE = 0.018
CARE_CHILDLESS_SURCHARGE = 0.006
PENSION_CEILING = 8_450.0  # also unemployment insurance
HEALTH_CEILING = 5_812.50  # also care insurance

KINDERGELD_PER_CHILD = 259.0  # € per child and month, 2026
MINIMUM_WAGE_PER_HOUR = 13.90  # € gross, 2026: estimate for jobs without a stated salary
WEEKS_PER_MONTH = 52.0 / 12.0


def income_tax_annual(taxable: np.ndarray | float) -> np.ndarray:
    """§ 32a EStG 2026 basic tariff (Grundtarif) for annual taxable income, whole euros."""
    x = np.floor(np.maximum(np.asarray(taxable, dtype=np.float64), 0.0))
    y = (x - BASIC_ALLOWANCE) / 10_000.0
    z = (x - ZONE2_END) / 10_000.0
    tax = np.select(
        [x <= BASIC_ALLOWANCE, x <= ZONE2_END, x <= ZONE3_END, x <= ZONE4_END],
        [
            0.0 * x,
            (914.51 * y + 1_400.0) * y,
            (173.10 * z + 2_397.0) * z + 1_034.87,
            0.42 * x - 11_135.63,
        ],
        0.45 * x - 19_470.38,
    )
    return np.floor(tax)


def social_insurance_monthly(gross: np.ndarray | float, has_children: bool) -> np.ndarray:
    """Employee contributions (pension, unemployment, health, care) per month."""
    gross = np.asarray(gross, dtype=np.float64)
    pension_base = np.minimum(gross, PENSION_CEILING)
    health_base = np.minimum(gross, HEALTH_CEILING)
    care = CARE_RATE + (0.0 if has_children else CARE_CHILDLESS_SURCHARGE)
    return pension_base * (PENSION_RATE + UNEMPLOYMENT_RATE) + health_base * (HEALTH_RATE + care)


def _taxable_annual(gross: np.ndarray, has_children: bool, relief: float) -> np.ndarray:
    """Annual taxable income: gross minus flat allowances and the Vorsorgepauschale.

    The Vorsorgepauschale is approximated by the employee's pension, health and care
    contributions (unemployment insurance is not deductible for employees in practice).
    """
    pension = np.minimum(gross, PENSION_CEILING) * PENSION_RATE
    care = CARE_RATE + (0.0 if has_children else CARE_CHILDLESS_SURCHARGE)
    health = np.minimum(gross, HEALTH_CEILING) * (HEALTH_RATE + care)
    deductions = WORK_EXPENSE_ALLOWANCE + SPECIAL_EXPENSE_ALLOWANCE + relief
    return 12.0 * gross - 12.0 * (pension + health) - deductions


def solidarity_surcharge(tax: np.ndarray, splitting: bool) -> np.ndarray:
    """Soli with exemption limit and taper zone (annual euros)."""
    limit = SOLI_EXEMPTION_SINGLE * (2.0 if splitting else 1.0)
    return np.where(tax > limit, np.minimum(SOLI_RATE * tax, SOLI_TAPER * (tax - limit)), 0.0)


def tax_class_for(adults: int, children: int, other_net_income: float) -> int:
    """Tax class of the job holder: I single, II single parent, III sole earner of a
    couple (splitting), IV couple where the partner earns too."""
    if adults <= 1:
        return 2 if children > 0 else 1
    return 3 if other_net_income <= 0 else 4


def net_monthly(gross: np.ndarray | float, tax_class: int, children: int) -> np.ndarray:
    """Net pay per month from gross pay per month (see module docstring for what is left out)."""
    gross = np.maximum(np.asarray(gross, dtype=np.float64), 0.0)
    has_children = children > 0
    relief = 0.0
    if tax_class == 2:
        further = max(children - 1, 0)
        relief = SINGLE_PARENT_RELIEF + SINGLE_PARENT_RELIEF_PER_FURTHER_CHILD * further
    taxable = _taxable_annual(gross, has_children, relief)
    tax = 2.0 * income_tax_annual(taxable / 2.0) if tax_class == 3 else income_tax_annual(taxable)
    tax = tax + solidarity_surcharge(tax, splitting=tax_class == 3)
    return gross - social_insurance_monthly(gross, has_children) - tax / 12.0


def kindergeld(children: int) -> float:
    """Kindergeld per month for the household (2026: 259 € per child)."""
    return KINDERGELD_PER_CHILD * children


def estimated_gross(
    salary_min: np.ndarray, salary_max: np.ndarray, weekly_hours: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Gross €/month per job and whether it is an estimate.

    Midpoint of min and max when both are known, else the one known; when neither is,
    the statutory minimum wage for the weekly hours (no job may legally pay less, so the
    estimate never flatters an offer).
    """
    lo, hi = np.asarray(salary_min, np.float64), np.asarray(salary_max, np.float64)
    hours = np.where(np.isnan(weekly_hours), 40.0, weekly_hours)
    floor = MINIMUM_WAGE_PER_HOUR * hours * WEEKS_PER_MONTH
    known = np.where(np.isnan(lo), hi, np.where(np.isnan(hi), lo, (lo + hi) / 2.0))
    estimated = np.isnan(known)
    return np.where(estimated, floor, known), estimated


def balance(
    *,
    net_pay: float,
    other_net_income: float,
    children: int,
    warm_rent: float,
    kita_fees: float,
) -> dict[str, float]:
    """The month of a bundle: money in, rent and Kita fees out, what remains."""
    child_money = kindergeld(children)
    household = net_pay + other_net_income + child_money
    remaining = household - warm_rent - kita_fees
    return {
        "net_pay": round(net_pay, 2),
        "other_net_income": round(other_net_income, 2),
        "kindergeld": round(child_money, 2),
        "household_net": round(household, 2),
        "warm_rent": round(warm_rent, 2),
        "kita_fees": round(kita_fees, 2),
        "remaining": round(remaining, 2),
        "rent_share": round(warm_rent / household, 4) if household > 0 else float("inf"),
    }
