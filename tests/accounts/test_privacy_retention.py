"""Storage limits: ``apply_retention`` deletes or anonymises exactly what is past its period."""

from datetime import timedelta
from importlib import import_module

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from stadt360.accounts.privacy import EMAIL_REMOVED, retention_rules
from stadt360.accounts.services import apply_retention
from stadt360.cooperation.models import Interest, InterestRecipient
from stadt360.core import audit
from stadt360.core.models import AuditEntry
from stadt360.providers.models import Invitation, MemberRole
from stadt360.public.models import BarrierReport, BarrierStatus
from tests.factories import ProviderFactory
from tests.portal.world import make_user

NOW = timezone.now()


def days_ago(days: int):
    return NOW - timedelta(days=days)


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.RETENTION_BARRIER_REPORT_DAYS = 7
    settings.RETENTION_LOGIN_LOG_DAYS = 90
    settings.RETENTION_AUDIT_EMAIL_DAYS = 365
    settings.RETENTION_COOPERATION_MESSAGE_DAYS = 365
    settings.RETENTION_INVITATION_DAYS = 30


def barrier(status: str, age: int) -> BarrierReport:
    report = BarrierReport.objects.create(
        page_url="/",
        description="x",
        contact_email="a@b.example",
        language="de",
        status=status,
        consented_at=NOW,
    )
    BarrierReport.objects.filter(pk=report.pk).update(updated_at=days_ago(age))
    return report


def test_resolved_barrier_reports_go_after_their_period(db):
    old = barrier(BarrierStatus.RESOLVED, 8)
    keep = [barrier(BarrierStatus.RESOLVED, 6), barrier(BarrierStatus.NEW, 400)]
    assert apply_retention(now=NOW)["barrier_reports"] == 1
    assert not BarrierReport.objects.filter(pk=old.pk).exists()
    assert BarrierReport.objects.count() == len(keep)


def test_login_logs_and_expired_sessions_go(db):
    trace = {"ip_address": "192.0.2.1", "username": "a@b.example", "http_accept": "*/*"}
    trace["path_info"] = "/"
    for model, extra in (
        (AccessLog, {}),
        (AccessFailureLog, {}),
        (AccessAttempt, {"get_data": "", "post_data": "", "failures_since_start": 1}),
    ):
        old = model.objects.create(**trace, **extra, user_agent="old")
        new = model.objects.create(**trace, **extra, user_agent="new")
        model.objects.filter(pk=old.pk).update(attempt_time=days_ago(91))
        model.objects.filter(pk=new.pk).update(attempt_time=days_ago(89))
    store = import_module(settings.SESSION_ENGINE).SessionStore
    live, expired = store(), store()
    live.create()
    expired.create()
    Session.objects.filter(pk=expired.session_key).update(expire_date=days_ago(1))
    counts = apply_retention(now=NOW)
    assert counts["login_logs"] == 3
    assert counts["expired_sessions"] == 1
    assert [m.objects.count() for m in (AccessLog, AccessFailureLog, AccessAttempt)] == [1, 1, 1]
    assert list(Session.objects.values_list("pk", flat=True)) == [live.session_key]


def test_old_audit_entries_lose_e_mail_addresses_and_keep_the_fact(db):
    provider = ProviderFactory()
    old = audit.record(provider, "invitation.sent", changes={"email": [None, "x@y.example"]})
    plain = audit.record(provider, "provider.updated", changes={"name": ["A", "B"]})
    new = audit.record(provider, "invitation.sent", changes={"email": [None, "n@y.example"]})
    AuditEntry.objects.filter(pk__in=[old.pk, plain.pk]).update(created_at=days_ago(366))
    AuditEntry.objects.filter(pk=old.pk).update(object_repr="x@y.example → Org")
    assert apply_retention(now=NOW)["audit_emails"] == 1
    old.refresh_from_db()
    assert old.changes == {"email": [None, EMAIL_REMOVED]}
    assert old.object_repr == f"{EMAIL_REMOVED} → Org"
    assert old.action == "invitation.sent"
    new.refresh_from_db()
    assert new.changes == {"email": [None, "n@y.example"]}
    assert apply_retention(now=NOW)["audit_emails"] == 0  # nothing left to do


def exchange(last_activity: int, answered: int | None = None) -> Interest:
    sender, receiver = ProviderFactory(), ProviderFactory()
    interest = Interest.objects.create(provider=sender, message="hello")
    recipient = InterestRecipient.objects.create(
        interest=interest, provider=receiver, company=_company(receiver)
    )
    Interest.objects.filter(pk=interest.pk).update(updated_at=days_ago(last_activity))
    InterestRecipient.objects.filter(pk=recipient.pk).update(
        updated_at=days_ago(answered if answered is not None else last_activity)
    )
    return interest


def _company(provider):
    from stadt360.companies.models import Company

    return Company.objects.create(provider=provider, wz_code="62.01", size_class="micro")


def test_cooperation_messages_go_a_period_after_the_exchange_ended(db):
    ended = exchange(400)
    answered_lately = exchange(400, answered=10)
    recent = exchange(10)
    assert apply_retention(now=NOW)["cooperation_messages"] == 2  # the interest and its row
    assert set(Interest.objects.values_list("pk", flat=True)) == {answered_lately.pk, recent.pk}
    assert not InterestRecipient.objects.filter(interest_id=ended.pk).exists()


def test_invitations_go_a_period_after_they_expired_or_were_revoked(db):
    provider, admin = ProviderFactory(), make_user("admin@r.example")

    def invitation(expired_days_ago: int, **extra) -> Invitation:
        return Invitation.objects.create(
            provider=provider,
            email=f"{expired_days_ago}@r.example",
            role=MemberRole.EDITOR,
            invited_by=admin,
            expires_at=days_ago(expired_days_ago),
            **extra,
        )

    old = invitation(31)
    revoked = invitation(-3, revoked=True)
    Invitation.objects.filter(pk=revoked.pk).update(updated_at=days_ago(40))
    kept = [invitation(29), invitation(-5)]
    assert apply_retention(now=NOW)["invitations"] == 2
    assert set(Invitation.objects.values_list("pk", flat=True)) == {i.pk for i in kept}
    assert not Invitation.objects.filter(pk__in=[old.pk, revoked.pk]).exists()


def test_command_applies_every_rule_and_says_how_much(db, capsys):
    barrier(BarrierStatus.RESOLVED, 30)
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "barrier_reports: 1 (older than 7 days)" in out
    assert {line.split(":")[0] for line in out.splitlines()} == {r.key for r in retention_rules()}


def test_the_task_enqueued_by_the_command_runs_the_same_rules(db, settings):
    from stadt360.accounts.tasks import apply_retention_task

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    old = barrier(BarrierStatus.RESOLVED, 30)
    result = apply_retention_task.enqueue()
    assert result.return_value["barrier_reports"] == 1
    assert not BarrierReport.objects.filter(pk=old.pk).exists()
