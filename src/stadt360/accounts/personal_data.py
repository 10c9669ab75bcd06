"""Personal data of the account itself and of the sign-in stack (allauth, MFA, axes,
sessions, the admin's log) and the audit log of ``core`` (core imports no app, so its
entry lives here).

The user row itself is deleted last by ``accounts.services.delete_account``; everything
linked to it by a foreign key is handled here or in the owning app's module.
"""

import re
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stadt360.core.models import AuditEntry

from .privacy import (
    DELETED_ACCOUNT,
    Person,
    PersonalData,
    RetentionRule,
    by_address,
    deleting,
    register,
    register_retention,
    rows,
    scrub,
)

AXES_LOGS = (AccessLog, AccessAttempt, AccessFailureLog)
LOGIN_FIELDS = ("attempt_time", "ip_address", "user_agent", "path_info")


def _account(person: Person) -> dict[str, Any]:
    user = person.user
    return {
        "email": user.email,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


register(
    PersonalData(
        key="account",
        models=("accounts.User",),
        export=_account,
        # The row itself goes last, in delete_account, once everything else is unlinked.
        erase=lambda person: None,
    )
)

register(
    PersonalData(
        key="email_addresses",
        models=("account.EmailAddress", "account.EmailConfirmation"),
        export=lambda person: rows(
            EmailAddress.objects.filter(user=person.user), ["email", "verified", "primary"]
        ),
        # Confirmations cascade with their address.
        erase=deleting(lambda person: EmailAddress.objects.filter(user=person.user)),
    )
)

register(
    PersonalData(
        key="authenticators",
        models=("mfa.Authenticator",),
        # Type and dates only: ``data`` holds the TOTP secret and recovery codes.
        export=lambda person: rows(
            Authenticator.objects.filter(user=person.user), ["type", "created_at", "last_used_at"]
        ),
        erase=deleting(lambda person: Authenticator.objects.filter(user=person.user)),
    )
)


def _login_filter(person: Person) -> Q:
    """axes stores the address that was typed in (lower-cased), not the account."""
    return by_address("username", person)


def _login_history(person: Person) -> dict[str, Any]:
    where = _login_filter(person)
    return {
        "sign_ins": rows(AccessLog.objects.filter(where), [*LOGIN_FIELDS, "logout_time"]),
        "failed_attempts": rows(
            AccessAttempt.objects.filter(where), [*LOGIN_FIELDS, "failures_since_start"]
        ),
        "failures": rows(AccessFailureLog.objects.filter(where), [*LOGIN_FIELDS, "locked_out"]),
    }


def _erase_login_history(person: Person) -> None:
    for model in AXES_LOGS:
        model.objects.filter(_login_filter(person)).delete()


register(
    PersonalData(
        key="login_history",
        models=(
            "axes.AccessLog",
            "axes.AccessAttempt",
            "axes.AccessFailureLog",
            "axes.AccessAttemptExpiration",
        ),
        export=_login_history,
        erase=_erase_login_history,
    )
)


def _sessions_of(person: Person) -> list[Session]:
    """Database sessions signed in as the person (the user id sits inside the signed data)."""
    user_id = str(person.user.pk)
    current = Session.objects.filter(expire_date__gt=timezone.now())
    return [s for s in current if s.get_decoded().get("_auth_user_id") == user_id]


register(
    PersonalData(
        key="sessions",
        models=("sessions.Session",),
        export=lambda person: [
            {"expires": s.expire_date.isoformat()} for s in _sessions_of(person)
        ],
        erase=deleting(
            lambda person: Session.objects.filter(pk__in=[s.pk for s in _sessions_of(person)])
        ),
    )
)

register(
    PersonalData(
        key="admin_log",
        models=("admin.LogEntry",),
        export=lambda person: rows(
            LogEntry.objects.filter(user=person.user),
            ["action_time", "action_flag", "object_repr", "change_message"],
        ),
        # Django's admin history cannot outlive its user (the link is not nullable); the
        # same changes are in the platform's audit log, which keeps them anonymously.
        erase=deleting(lambda person: LogEntry.objects.filter(user=person.user)),
    )
)


# --- the audit log ----------------------------------------------------------------------


def _audit_export(person: Person) -> list[dict[str, Any]]:
    return rows(
        AuditEntry.objects.filter(actor=person.user),
        ["created_at", "action", "object_repr", "via", "changes", "provider__name"],
    )


def _mentioning(emails: frozenset[str]) -> Q:
    """Entries whose text or changes contain one of ``emails``."""
    return reduce(
        or_,
        (Q(object_repr__icontains=e) | Q(changes__icontains=e) for e in emails),
        Q(pk__in=[]),
    )


def _audit_erase(person: Person) -> None:
    """Keeps every fact, drops the person: actor → placeholder, their addresses → placeholder."""
    user = person.user
    AuditEntry.objects.filter(actor=user).update(actor=None, via=DELETED_ACCOUNT)
    about_user = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
    )
    about_user.update(object_repr=DELETED_ACCOUNT)
    mentioning = AuditEntry.objects.filter(_mentioning(person.emails))
    theirs = set(mentioning.values_list("content_type_id", "object_id"))
    for entry in mentioning:
        entry.object_repr = scrub(entry.object_repr, person.emails, DELETED_ACCOUNT)
        entry.changes = scrub(entry.changes, person.emails, DELETED_ACCOUNT)
        entry.save(update_fields=["object_repr", "changes"])
    _forget_user_name(user.get_username(), theirs)


def _forget_user_name(name: str, objects: set[tuple[int, str]]) -> None:
    """The user name leaves the entries about the person's objects (their memberships).

    allauth derives the user name from the address ("anna.muster"), and a membership is
    named after it ("anna.muster – Org (editor)"), also in entries without the address (a
    role change). Only a name that opens the entry's text as a whole word, and only in
    entries about objects an entry with the person's address is about: a short user name
    must not mangle an organisation's name or other people's entries.
    """
    if not name or not objects:
        return
    opening = re.compile(rf"^{re.escape(name)}(?![\w.@+-])")
    about = reduce(or_, (Q(content_type_id=ct, object_id=oid) for ct, oid in objects))
    for entry in AuditEntry.objects.filter(about, object_repr__startswith=name):
        entry.object_repr = opening.sub(DELETED_ACCOUNT, entry.object_repr)
        entry.save(update_fields=["object_repr"])


register(
    PersonalData(
        key="audit_entries",
        models=("core.AuditEntry",),
        export=_audit_export,
        erase=_audit_erase,
    )
)


def _anonymise_old_audit(cutoff: datetime) -> int:
    """E-mail addresses leave audit entries older than the cutoff; the facts stay.

    Audit entries store no IP address; addresses get there through object names
    ("anna@… → Organisation") and recorded changes (invitations, members).
    """
    count = 0
    old = AuditEntry.objects.filter(created_at__lt=cutoff)
    for entry in old.filter(Q(object_repr__contains="@") | Q(changes__icontains="@")):
        repr_, changes = scrub(entry.object_repr), scrub(entry.changes)
        if (repr_, changes) != (entry.object_repr, entry.changes):
            entry.object_repr, entry.changes = repr_, changes
            entry.save(update_fields=["object_repr", "changes"])
            count += 1
    return count


def _delete_old_logins(cutoff: datetime) -> int:
    return sum(m.objects.filter(attempt_time__lt=cutoff).delete()[0] for m in AXES_LOGS)


register_retention(
    RetentionRule(
        key="audit_emails", setting="RETENTION_AUDIT_EMAIL_DAYS", apply=_anonymise_old_audit
    )
)
register_retention(
    RetentionRule(key="login_logs", setting="RETENTION_LOGIN_LOG_DAYS", apply=_delete_old_logins)
)


def _delete_finished_task_results(cutoff: datetime) -> int:
    """Results of finished background tasks; a failure's traceback can name a person (a
    refused recipient address). Queued and running tasks stay."""
    finished = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff)
    return finished.delete()[0]


register_retention(
    RetentionRule(
        key="task_results",
        setting="RETENTION_TASK_RESULT_DAYS",
        apply=_delete_finished_task_results,
    )
)
# Expired sessions still hold the user id of a past sign-in (Django's ``clearsessions``).
register_retention(
    RetentionRule(
        key="expired_sessions",
        setting=None,
        apply=lambda now: Session.objects.filter(expire_date__lt=now).delete()[0],
    )
)
