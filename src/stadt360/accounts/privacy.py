"""The registry of personal data: each app declares what it holds about a person.

Every app that stores personal data registers, in its own ``personal_data`` module, one
``PersonalData`` entry per kind of data: which models it covers, how to export a person's
rows (Art. 15 GDPR) and how to erase or anonymise them when the account is deleted
(Art. 17). Apps with a storage limit register a ``RetentionRule`` too. The export, the
account deletion (``accounts.services``) and the ``apply_retention`` command loop over
the registry; ``tests/accounts/test_privacy_models.py`` fails when a model with personal
fields is neither registered nor exempted there with a reason.

``AccountsConfig.ready`` imports every app's ``personal_data`` module (like admin
autodiscovery), so a new app adds its data without touching this file.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

# Replaces a deleted person's name or address wherever a record keeps the fact.
DELETED_ACCOUNT = "[deleted account]"
# Replaces e-mail addresses in old audit entries and other people's addresses in an export.
EMAIL_REMOVED = "[e-mail address removed]"
EMAIL_PATTERN = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Person:
    """The account being exported or deleted, with the e-mail addresses proven to be theirs.

    Data stored without an account link (a barrier report, a login attempt) is matched by
    address; only verified addresses count, so nobody reads another person's reports by
    adding that person's address to their own account.
    """

    user: Any
    emails: frozenset[str]

    @classmethod
    def of(cls, user: Any) -> "Person":
        verified = EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
        return cls(user=user, emails=frozenset(e.lower() for e in [user.email, *verified] if e))


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data: the models it covers and its export and erasure."""

    key: str
    models: tuple[str, ...]  # "app_label.ModelName", for the coverage test
    export: Callable[[Person], Any]
    erase: Callable[[Person], None]


@dataclass(frozen=True)
class RetentionRule:
    """A storage limit: ``apply(cutoff)`` deletes or anonymises what is older, returns a count."""

    key: str
    setting: str | None  # the number of days, in settings; None: nothing is kept past now
    apply: Callable[[datetime], int]

    @property
    def days(self) -> int:
        return int(getattr(settings, self.setting)) if self.setting else 0


_DATA: dict[str, PersonalData] = {}
_RULES: dict[str, RetentionRule] = {}


def register(entry: PersonalData) -> None:
    _DATA[entry.key] = entry


def register_retention(rule: RetentionRule) -> None:
    _RULES[rule.key] = rule


def data_kinds() -> list[PersonalData]:
    return list(_DATA.values())


def retention_rules() -> list[RetentionRule]:
    return list(_RULES.values())


def retention_days(key: str) -> int:
    return _RULES[key].days


def covered_models() -> set[str]:
    return {label for entry in _DATA.values() for label in entry.models}


def autodiscover() -> None:
    """Imports ``personal_data`` of every installed app; each module registers its entries."""
    autodiscover_modules("personal_data")


# --- helpers the apps' modules share ----------------------------------------------------


def plain(value: Any) -> Any:
    """A JSON-safe value: dates as ISO text, anything else unusual as text."""
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def rows(queryset: models.QuerySet, fields: Iterable[str]) -> list[dict[str, Any]]:
    """The named fields (``__`` paths allowed) of every row, JSON-safe, in primary-key order."""
    names = list(fields)
    return [
        {name: plain(value) for name, value in row.items()}
        for row in queryset.order_by("pk").values(*names)
    ]


def deleting(rows_of: Callable[[Person], models.QuerySet]) -> Callable[[Person], None]:
    """An ``erase`` that deletes the person's rows (what cascades from them goes too)."""

    def erase(person: Person) -> None:
        rows_of(person).delete()

    return erase


def by_address(field: str, person: Person) -> Q:
    """Rows whose ``field`` is one of the person's addresses (any letter case)."""
    return reduce(or_, (Q(**{f"{field}__iexact": e}) for e in person.emails), Q(pk__in=[]))


def forget(model: type[models.Model], field: str, person: Person) -> None:
    """Unlinks the person from rows that keep a fact about them (``field`` becomes NULL)."""
    model._default_manager.filter(**{field: person.user}).update(**{field: None})


def scrub(value: Any, emails: Iterable[str] | None = None, placeholder: str = EMAIL_REMOVED) -> Any:
    """``value`` with e-mail addresses replaced, in nested lists and dicts too.

    ``emails`` limits the replacement to those addresses (compared case-insensitively);
    without it every address goes.
    """
    wanted = None if emails is None else {e.lower() for e in emails}

    def replace(match: re.Match[str]) -> str:
        address = match.group(0)
        return placeholder if wanted is None or address.lower() in wanted else address

    return _walk(value, lambda text: EMAIL_PATTERN.sub(replace, text))


def keep_only(value: Any, emails: Iterable[str]) -> Any:
    """``value`` with every e-mail address that is not one of ``emails`` removed."""
    own = {e.lower() for e in emails}

    def replace(match: re.Match[str]) -> str:
        return match.group(0) if match.group(0).lower() in own else EMAIL_REMOVED

    return _walk(value, lambda text: EMAIL_PATTERN.sub(replace, text))


def _walk(value: Any, change: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_walk(item, change) for item in value]
    if isinstance(value, dict):
        return {key: _walk(item, change) for key, item in value.items()}
    return value


def export(person: Person) -> Iterator[tuple[str, Any]]:
    """``(key, data)`` of every registered kind, other people's addresses removed."""
    for entry in data_kinds():
        yield entry.key, keep_only(entry.export(person), person.emails)


def export_personal_data(*, user: Any) -> dict[str, Any]:
    """Everything the platform holds about ``user``, as one JSON-ready document (Art. 15)."""
    return {
        "format": "stadt360-personal-data",
        "version": 1,
        "exported_at": timezone.now().isoformat(),
        "data": dict(export(Person.of(user))),
    }
