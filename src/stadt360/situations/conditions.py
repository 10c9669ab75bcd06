"""A tiny declarative rule language for "does this step or need apply to this household?".

Rules are plain JSON so city staff can curate them as data, and they are
*interpreted* here, never evaluated as code. The grammar is deliberately small:

    rule  := null | {}                                 -- always applies
           | {"all": [rule, ...]} | {"any": [rule, ...]} | {"not": rule}
           | {"fact": NAME, "op": OP, "value": int | bool}
    OP    := "==" | "!=" | "<" | "<=" | ">" | ">="

Facts are numbers or booleans the selectors compute from a household (see
``HOUSEHOLD_FACTS`` and ``CHILD_FACTS``). Size and depth are bounded so that a
hostile or broken rule cannot exhaust the interpreter.

This module imports nothing from Django: the loader, ``Model.clean()`` and the
selectors share it.
"""

import operator
from collections.abc import Callable, Mapping
from typing import Any

type Fact = int | bool
type Rule = dict[str, Any] | None

HOUSEHOLD_FACTS: frozenset[str] = frozenset(
    {
        "adults",
        "children",
        "children_under_school_age",
        "children_of_school_age",
        "seeking_work",
        "non_eu_citizens",
        "has_vehicle",
    }
)
# Only defined while a step or need is expanded for one child.
CHILD_FACTS: frozenset[str] = frozenset({"child_age_years", "child_days_until_school_entry"})
ALL_FACTS: frozenset[str] = HOUSEHOLD_FACTS | CHILD_FACTS

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
MAX_DEPTH = 8
MAX_NODES = 64


class RuleError(ValueError):
    """A rule that does not follow the grammar, or names a fact that does not exist."""


def rule_errors(rule: object, *, facts: frozenset[str] = ALL_FACTS) -> list[str]:
    """Every problem in ``rule`` as a readable message (empty when the rule is valid)."""
    errors: list[str] = []
    nodes = _check(rule, facts=facts, path="condition", depth=0, errors=errors)
    if nodes > MAX_NODES:
        errors.append(f"condition: more than {MAX_NODES} parts")
    return errors


def _check(rule: object, *, facts: frozenset[str], path: str, depth: int, errors: list[str]) -> int:
    if depth > MAX_DEPTH:
        errors.append(f"{path}: nested deeper than {MAX_DEPTH} levels")
        return 1
    if rule is None or rule == {}:
        return 1
    if not isinstance(rule, dict):
        errors.append(f"{path}: must be an object, got {type(rule).__name__}")
        return 1
    if len(rule) == 1 and ("all" in rule or "any" in rule):
        (name, parts), count = next(iter(rule.items())), 1
        if not isinstance(parts, list) or not parts:
            errors.append(f"{path}.{name}: must be a non-empty list of rules")
            return count
        for index, part in enumerate(parts):
            count += _check(
                part, facts=facts, path=f"{path}.{name}[{index}]", depth=depth + 1, errors=errors
            )
        return count
    if len(rule) == 1 and "not" in rule:
        return 1 + _check(
            rule["not"], facts=facts, path=f"{path}.not", depth=depth + 1, errors=errors
        )
    return _check_comparison(rule, facts=facts, path=path, errors=errors)


def _check_comparison(
    rule: dict[str, Any], *, facts: frozenset[str], path: str, errors: list[str]
) -> int:
    if set(rule) != {"fact", "op", "value"}:
        errors.append(
            f"{path}: expected all/any/not or exactly the keys fact, op, value; got {sorted(rule)}"
        )
        return 1
    if rule["fact"] not in facts:
        errors.append(f"{path}: unknown fact {rule['fact']!r} (known: {', '.join(sorted(facts))})")
    if rule["op"] not in OPERATORS:
        errors.append(f"{path}: unknown op {rule['op']!r} (known: {' '.join(OPERATORS)})")
    value = rule["value"]
    if not isinstance(value, int):  # bool is an int subclass
        errors.append(f"{path}: value must be a whole number or true/false, got {value!r}")
    elif isinstance(value, bool) and rule["op"] not in {"==", "!="}:
        errors.append(f"{path}: true/false can only be compared with == or !=")
    return 1


def evaluate(rule: Rule, facts: Mapping[str, Fact]) -> bool:
    """Whether ``rule`` holds for ``facts``; the rule must have passed ``rule_errors``."""
    if not rule:
        return True
    if "all" in rule:
        return all(evaluate(part, facts) for part in rule["all"])
    if "any" in rule:
        return any(evaluate(part, facts) for part in rule["any"])
    if "not" in rule:
        return not evaluate(rule["not"], facts)
    if rule["fact"] not in facts:
        raise RuleError(f"fact {rule['fact']!r} is not known for this household")
    return OPERATORS[rule["op"]](facts[rule["fact"]], rule["value"])


def facts_used(rule: Rule) -> set[str]:
    """The fact names a (valid) rule reads: used to check per-child facts on per-child items."""
    if not rule:
        return set()
    if "all" in rule or "any" in rule:
        parts = rule.get("all") or rule.get("any") or []
        return set().union(*(facts_used(part) for part in parts))
    if "not" in rule:
        return facts_used(rule["not"])
    return {rule["fact"]}
