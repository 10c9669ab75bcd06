"""Wage tax on a taxable annual income, 2026: tariff, classes III and V/VI, allowances, Soli.

The "what is taxable" part (gross, Vorsorgepauschale) lives in ``money``; this module
only knows the law's formulas (§ 32a, § 39b Abs. 2 Satz 7 EStG, SolZG) as the BMF's
Programmablaufplan 2026 applies them. All functions accept floats or NumPy arrays.
"""

import numpy as np

# § 32a Abs. 1 EStG, tariff 2026 (annual taxable income → annual tax, euros).
BASIC_ALLOWANCE = 12_348.0
ZONE2_END = 17_799.0
ZONE3_END = 69_878.0
ZONE4_END = 277_825.0
# § 39b Abs. 2 Satz 7 EStG: class V/VI thresholds 2026 (PAP 2026 W1STKL5..W3STKL5).
CLASS5_W1 = 14_071.0
CLASS5_W2 = 34_939.0
CLASS5_W3 = 222_260.0
CLASS5_MIN_RATE = 0.14
# Allowances in the wage-tax tables: § 9a Nr. 1a (Arbeitnehmer-Pauschbetrag), § 10c
# (Sonderausgaben-Pauschbetrag), § 24b EStG (single parents, class II).
WORK_EXPENSE_ALLOWANCE = 1_230.0
SPECIAL_EXPENSE_ALLOWANCE = 36.0
SINGLE_PARENT_RELIEF = 4_260.0
# § 32 Abs. 6 EStG 2026: child allowance of both parents (6,828 + 2,928 €); the Soli
# base deducts it (§ 3 Abs. 2a SolZG).
CHILD_ALLOWANCE = 9_756.0
# SolZG 1995 (2026): exemption limit on the annual wage tax (doubled in class III).
SOLI_EXEMPTION_SINGLE = 20_350.0
SOLI_RATE = 0.055
SOLI_TAPER = 0.119


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


def _class5_core(x: np.ndarray | float) -> np.ndarray:
    """Twice the tariff difference between 125 % and 75 % of x, at least 14 % of x."""
    x = np.asarray(x, dtype=np.float64)
    diff = 2.0 * (income_tax_annual(np.floor(1.25 * x)) - income_tax_annual(np.floor(0.75 * x)))
    return np.maximum(diff, np.floor(CLASS5_MIN_RATE * x))


def income_tax_class5(taxable: np.ndarray | float) -> np.ndarray:
    """Annual wage tax in classes V and VI (§ 39b Abs. 2 Satz 7 EStG, PAP 2026 MST5-6).

    Up to W1 the core formula; between W1 and W2 the lower of the core and core(W1) +
    42 % of the excess; above W2 core(W2) + 42 % up to W3 + 45 % beyond.
    """
    x = np.floor(np.maximum(np.asarray(taxable, dtype=np.float64), 0.0))
    core = _class5_core(np.minimum(x, CLASS5_W2))
    middle = np.minimum(core, np.floor(_class5_core(CLASS5_W1) + 0.42 * (x - CLASS5_W1)))
    upper = np.floor(
        _class5_core(CLASS5_W2)
        + 0.42 * (np.minimum(x, CLASS5_W3) - CLASS5_W2)
        + 0.45 * np.maximum(x - CLASS5_W3, 0.0)
    )
    return np.where(x <= CLASS5_W1, core, np.where(x <= CLASS5_W2, middle, upper))


def table_allowances(annual: np.ndarray, tax_class: int) -> np.ndarray:
    """Allowances built into the tables (PAP MZTABFB): work expenses up to the wage,
    special expenses, single-parent relief; none in class VI."""
    if tax_class == 6:
        return np.zeros_like(annual)
    work = np.minimum(np.ceil(annual), WORK_EXPENSE_ALLOWANCE)
    relief = SINGLE_PARENT_RELIEF if tax_class == 2 else 0.0
    return work + SPECIAL_EXPENSE_ALLOWANCE + relief


def tariff(taxable: np.ndarray, tax_class: int) -> np.ndarray:
    """Annual tax of the class on taxable income (splitting in III, V/VI formula)."""
    if tax_class == 3:
        return 2.0 * income_tax_annual(np.floor(taxable / 2.0))
    if tax_class >= 5:
        return income_tax_class5(taxable)
    return income_tax_annual(taxable)


def solidarity_surcharge(tax: np.ndarray, splitting: bool) -> np.ndarray:
    """Soli with exemption limit and taper zone (annual euros, to the cent)."""
    limit = SOLI_EXEMPTION_SINGLE * (2.0 if splitting else 1.0)
    soli = np.minimum(SOLI_RATE * tax, SOLI_TAPER * (tax - limit))
    return np.where(tax > limit, np.floor(np.round(soli * 100.0, 6)) / 100.0, 0.0)


def child_allowance_share(tax_class: int, children: int) -> float:
    """Child allowances entered for the Soli (PAP: ZKF × KFB): the full 9,756 € per child
    in II and III; half in IV and in I (each parent's share); none in V and VI."""
    if tax_class >= 5:
        return 0.0
    per_child = CHILD_ALLOWANCE if tax_class in (2, 3) else CHILD_ALLOWANCE / 2.0
    return per_child * children
