"""Monthly money of a household: German net pay from gross, Kindergeld, what remains.

Why an approximation: the engine ranks thousands of jobs per query and needs a net
income per job to judge rent burden. With ``wage_tax`` (the tariff and class formulas)
this module follows the BMF's Programmablaufplan (PAP) for the wage tax 2026 in the parts that matter for an ordinary employee with
statutory health insurance: § 32a EStG tariff 2026, tax classes I–VI (class V/VI by
§ 39b Abs. 2 Satz 7 EStG), the 2026 Vorsorgepauschale (§ 39b Abs. 2 Satz 5 Nr. 3 EStG,
BMF letter of 14 Aug 2025), the Solidaritätszuschlag with child allowances, and the
2026 social-insurance rates, ceilings, the transition zone (Midijob, § 20 Abs. 2a
SGB IV) and Minijobs (§ 8 SGB IV). Deliberately left out (docs/engine.md lists them):
church tax, the factor method, freely registered allowances (e.g. 240 € per further
child of a single parent), private health insurance, Saxony's care split, the
Kinderfreibetrag comparison of the income-tax assessment. All money functions accept
floats or NumPy arrays of gross pay; the tax class and children are per household.
"""

from typing import NamedTuple

import numpy as np

from .inputs import Household, MoneyParams
from .wage_tax import (
    child_allowance_share,
    solidarity_surcharge,
    table_allowances,
    tariff,
)

# § 39b Abs. 2 Satz 5 Nr. 3 Buchst. e EStG (from 2026): unemployment insurance counts
# in the Vorsorgepauschale only while it and health + care stay below 1,900 € a year.
PRECAUTION_CAP = 1_900.0

# Employee shares of social insurance 2026 (SGB VI, III, V, XI) and monthly ceilings
# (Sozialversicherungsrechengrößenverordnung 2026).
PENSION_RATE = 0.093  # 18.6 % / 2
UNEMPLOYMENT_RATE = 0.013  # 2.6 % / 2
HEALTH_BASE_RATE = 0.073  # 14.6 % / 2 (§ 241 SGB V)
HEALTH_REDUCED_RATE = 0.07  # 14.0 % / 2: the Vorsorgepauschale uses the reduced rate
CARE_RATE = 0.018  # 3.6 % / 2 (§ 55 Abs. 1 SGB XI)
CARE_CHILDLESS_SURCHARGE = 0.006  # § 55 Abs. 3 Satz 1 SGB XI
CARE_CHILD_DISCOUNT = 0.0025  # § 55 Abs. 3 Satz 4 SGB XI: 2nd to 5th child under 25
CARE_DISCOUNT_MAX_CHILDREN = 5
CARE_DISCOUNT_AGE_MONTHS = 25 * 12
PENSION_CEILING = 8_450.0  # also unemployment insurance
HEALTH_CEILING = 5_812.50  # also care insurance
# § 8 Abs. 1a SGB IV: Minijob limit 2026; § 20 Abs. 2 SGB IV: transition zone up to 2,000 €.
MINIJOB_LIMIT = 603.0
MIDIJOB_LIMIT = 2_000.0
# Minijob: the employee tops up the pension contribution (18.6 % − 15 % employer flat
# rate, § 168 Abs. 1 Nr. 1b SGB VI) unless exempted on request; the employer pays the
# 2 % flat tax (§ 40a Abs. 2 EStG).
MINIJOB_PENSION_TOP_UP = 0.036

# School entry as in needs.py; the fee-free months before it are MoneyParams.kita_free_months.
SCHOOL_ENTRY_MONTHS = 72

KINDERGELD_PER_CHILD = 259.0  # € per child and month, 2026 (§ 66 Abs. 1 EStG)
MINIMUM_WAGE_PER_HOUR = 13.90  # € gross, 2026: estimate for jobs without a stated salary
WEEKS_PER_MONTH = 52.0 / 12.0
TAX_CLASSES = (1, 2, 3, 4, 5, 6)


def care_rate(children: int) -> float:
    """Employee care rate: 1.8 %, + 0.6 % without children, − 0.25 points per child from
    the 2nd to the 5th (children under 25; § 55 Abs. 3 SGB XI)."""
    if children == 0:
        return CARE_RATE + CARE_CHILDLESS_SURCHARGE
    discounted = min(children, CARE_DISCOUNT_MAX_CHILDREN) - 1
    return CARE_RATE - CARE_CHILD_DISCOUNT * discounted


def employee_rate(children: int, params: MoneyParams) -> tuple[float, float]:
    """(rate on the pension base, rate on the health base) of an ordinary employee."""
    health = HEALTH_BASE_RATE + params.health_extra_rate / 2.0
    return PENSION_RATE + UNEMPLOYMENT_RATE, health + care_rate(children)


def midijob_base(gross: np.ndarray | float) -> np.ndarray:
    """Employee's reduced contribution base in the transition zone (§ 20 Abs. 2a Satz 6
    SGB IV): 2,000 / (2,000 − 603) × (gross − 603). Factor F (2026: 0.6619) only enters
    the total and hence the employer's share."""
    span = MIDIJOB_LIMIT - MINIJOB_LIMIT
    return MIDIJOB_LIMIT / span * (np.asarray(gross, dtype=np.float64) - MINIJOB_LIMIT)


def social_insurance_monthly(
    gross: np.ndarray | float, children: int, params: MoneyParams | None = None
) -> np.ndarray:
    """Employee contributions (pension, unemployment, health, care) per month."""
    gross = np.asarray(gross, dtype=np.float64)
    pension_rate, health_rate = employee_rate(children, params or MoneyParams())
    midi = (gross > MINIJOB_LIMIT) & (gross <= MIDIJOB_LIMIT)
    base = np.where(midi, midijob_base(gross), gross)
    regular = np.minimum(base, PENSION_CEILING) * pension_rate
    regular = regular + np.minimum(base, HEALTH_CEILING) * health_rate
    return np.where(gross <= MINIJOB_LIMIT, gross * MINIJOB_PENSION_TOP_UP, regular)


def precaution_allowance(
    annual: np.ndarray, tax_class: int, children: int, params: MoneyParams
) -> np.ndarray:
    """Vorsorgepauschale 2026 (§ 39b Abs. 2 Satz 5 Nr. 3 EStG; PAP UPEVP), full gross
    (the transition zone does not matter for tax), rounded up to whole euros."""
    pension = np.minimum(annual, 12.0 * PENSION_CEILING) * PENSION_RATE
    health_rate = HEALTH_REDUCED_RATE + params.health_extra_rate / 2.0 + care_rate(children)
    health = np.minimum(annual, 12.0 * HEALTH_CEILING) * health_rate
    if tax_class != 6:
        unemployment = np.minimum(annual, 12.0 * PENSION_CEILING) * UNEMPLOYMENT_RATE
        health = np.maximum(health, np.minimum(health + unemployment, PRECAUTION_CAP))
    return np.ceil(np.round(pension + health, 2))


def wage_tax_monthly(
    gross: np.ndarray | float,
    tax_class: int,
    children: int,
    params: MoneyParams | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(wage tax, Soli) per month for a job in one tax class; a Minijob pays none (the
    employer's 2 % flat tax)."""
    params = params or MoneyParams()
    gross = np.maximum(np.asarray(gross, dtype=np.float64), 0.0)
    annual = 12.0 * gross
    taxable = annual - table_allowances(annual, tax_class)
    taxable = taxable - precaution_allowance(annual, tax_class, children, params)
    taxable = np.maximum(taxable, 0.0)
    tax = tariff(taxable, tax_class)
    allowance = child_allowance_share(tax_class, children)
    soli_base = tariff(np.maximum(taxable - allowance, 0.0), tax_class)
    soli = solidarity_surcharge(soli_base, splitting=tax_class == 3)
    mini = gross <= MINIJOB_LIMIT
    monthly_tax = np.where(mini, 0.0, np.floor(tax * 100.0 / 12.0) / 100.0)
    monthly_soli = np.where(mini, 0.0, np.floor(soli * 100.0 / 12.0) / 100.0)
    return monthly_tax, monthly_soli


def net_monthly(
    gross: np.ndarray | float,
    tax_class: int,
    children: int,
    params: MoneyParams | None = None,
) -> np.ndarray:
    """Net pay per month from gross pay per month (see module docstring for what is left out)."""
    gross = np.maximum(np.asarray(gross, dtype=np.float64), 0.0)
    tax, soli = wage_tax_monthly(gross, tax_class, children, params)
    return gross - social_insurance_monthly(gross, children, params) - tax - soli


def tax_class_for(
    adults: int, children: int, other_net_income: float, married: bool = False
) -> int:
    """Tax class of the job holder when none is given: one adult I, or II with children;
    a married couple III when the partner has no income else IV; an unmarried couple I
    (II needs a household without another adult, § 24b Abs. 3 EStG)."""
    if adults <= 1:
        return 2 if children > 0 else 1
    if not married:
        return 1
    return 3 if other_net_income <= 0 else 4


def tax_class_problem(
    adults: int, married: bool, tax_class: int | None, children: int
) -> str | None:
    """Why adults, marital status and a stated tax class cannot go together, or None."""
    if married and adults < 2:
        return "married needs at least two adults"
    if tax_class is None:
        return None
    if tax_class not in TAX_CLASSES:
        return "tax_class must be 1 to 6"
    if tax_class in (3, 4, 5) and not married:
        return "tax classes III, IV and V need a married couple or registered partnership"
    if tax_class == 2 and (adults != 1 or children == 0):
        return "tax class II needs a single adult living with children"
    if tax_class in (1, 2) and married:
        return "a married couple living together has tax class III, IV or V, not I or II"
    if tax_class == 6 and adults < 2:
        return "tax class VI (a second job) does not fit a household with one adult"
    return None


def check_tax_class(household: Household) -> None:
    """ValueError for an absurd combination of adults, marital status and tax class."""
    problem = tax_class_problem(
        household.adults, household.married, household.tax_class, len(household.child_age_months)
    )
    if problem:
        raise ValueError(problem)


def household_tax_class(household: Household) -> int:
    """The stated tax class, else the derived one (``tax_class_for``)."""
    if household.tax_class is not None:
        return household.tax_class
    return tax_class_for(
        household.adults,
        len(household.child_age_months),
        household.other_net_income,
        household.married,
    )


def care_children(household: Household) -> int:
    """Children that count for the care-insurance rate (under 25)."""
    return sum(1 for age in household.child_age_months if age < CARE_DISCOUNT_AGE_MONTHS)


def household_money(
    gross: np.ndarray, household: Household, params: MoneyParams | None = None
) -> np.ndarray:
    """Household net money per job: net pay + other net income + Kindergeld (€/month)."""
    children = len(household.child_age_months)
    net = net_monthly(gross, household_tax_class(household), care_children(household), params)
    return net + household.other_net_income + kindergeld(children)


class CoupleClasses(NamedTuple):
    """The better tax-class pair of two married earners, per pair of gross pays."""

    class_a: np.ndarray
    class_b: np.ndarray
    net_a: np.ndarray
    net_b: np.ndarray


def couple_classes(
    gross_a: np.ndarray | float,
    gross_b: np.ndarray | float,
    children: int,
    params: MoneyParams | None = None,
) -> CoupleClasses:
    """III/V, V/III or IV/IV, whichever leaves the most net pay per month (ties: IV/IV,
    which needs no compulsory tax return). Monthly withholding only: the annual
    assessment evens the difference out."""
    pairs = ((4, 4), (3, 5), (5, 3))
    nets = [
        (net_monthly(gross_a, a, children, params), net_monthly(gross_b, b, children, params))
        for a, b in pairs
    ]
    totals = np.stack([a + b for a, b in nets])
    best = np.argmax(np.round(totals, 2), axis=0)
    pick = lambda values: np.choose(best, values)  # noqa: E731
    return CoupleClasses(
        class_a=pick([np.full(best.shape, a) for a, _ in pairs]),
        class_b=pick([np.full(best.shape, b) for _, b in pairs]),
        net_a=pick([a for a, _ in nets]),
        net_b=pick([b for _, b in nets]),
    )


class ChildFee(NamedTuple):
    """A child's monthly Kita fee: exact (min == max) or a range, and where it comes from:
    "provider" (stated by the Kita), "free_by_law", "schedule" (the city's figures) or
    "unknown" (no figure at all: min 0, max NaN)."""

    min: float
    max: float
    source: str

    @property
    def exact(self) -> bool:
        return self.min == self.max


def kita_fee_free(age_months: int, params: MoneyParams | None = None) -> bool:
    """Whether the law of the Land waives the fee at this age (the last
    ``kita_free_months`` before school entry at 72 months; meals are always paid)."""
    free_months = (params or MoneyParams()).kita_free_months
    return age_months >= SCHOOL_ENTRY_MONTHS - free_months


def child_fee(
    provider_fee: float,
    low: float,
    high: float,
    age_months: int,
    params: MoneyParams | None = None,
) -> ChildFee:
    """The fee one child pays: free by law, else the provider's, else the schedule's range
    (NaN = not stated); never a silent 0."""
    if kita_fee_free(age_months, params):
        return ChildFee(0.0, 0.0, "free_by_law")
    if not np.isnan(provider_fee):
        return ChildFee(provider_fee, provider_fee, "provider")
    if np.isnan(low) or np.isnan(high):
        return ChildFee(0.0, float("nan"), "unknown")
    return ChildFee(low, high, "schedule")


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
    fees: tuple[ChildFee, ...] = (),
) -> dict[str, float]:
    """The month of a bundle: money in, rent and Kita fees out, what remains.

    ``kita_fees`` are the exactly known fees; ``fees`` (per child) add the range:
    ``kita_fees_min``/``_max`` and ``remaining_min``/``_max`` (NaN max = open-ended).
    """
    child_money = kindergeld(children)
    household = net_pay + other_net_income + child_money
    remaining = household - warm_rent - kita_fees
    low = sum(fee.min for fee in fees if not fee.exact)
    high = sum(fee.max for fee in fees if not fee.exact)
    return {
        "kita_fees_min": round(kita_fees + low, 2),
        "kita_fees_max": round(kita_fees + high, 2),
        "remaining_min": round(remaining - high, 2),
        "remaining_max": round(remaining - low, 2),
        "net_pay": round(net_pay, 2),
        "other_net_income": round(other_net_income, 2),
        "kindergeld": round(child_money, 2),
        "household_net": round(household, 2),
        "warm_rent": round(warm_rent, 2),
        "kita_fees": round(kita_fees, 2),
        "remaining": round(remaining, 2),
        "rent_share": round(warm_rent / household, 4) if household > 0 else float("inf"),
    }
