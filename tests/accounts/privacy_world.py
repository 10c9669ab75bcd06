"""One person with a row in every model the privacy registry covers.

``make_person("anna")`` gives a user with a verified address anna@privacy.example, an
organisation they administer, and, through the real services where there is one, data in
each covered model; every free text carries the marker ``<label>-mark`` so a test can
find the person's rows (and be sure another person's never show up).
"""

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from stadt360.companies.models import Company
from stadt360.cooperation.services import answer_interest, create_post, send_interest
from stadt360.core import audit
from stadt360.events import services as events
from stadt360.imports.models import ImportRun
from stadt360.newsletter import services as newsletter
from stadt360.providers.membership import invite_member
from stadt360.providers.models import MemberRole, Provider
from stadt360.providers.tokens import create_token, revoke_token
from stadt360.public.models import BarrierReport
from tests.factories import ProviderFactory, in_days
from tests.portal.world import add_member, add_totp, make_user


@dataclass
class Person:
    label: str
    user: Any
    provider: Provider
    email: str

    @property
    def mark(self) -> str:
        return f"{self.label}-mark"


def make_person(label: str, *, partner: Provider | None = None) -> Person:
    """``partner``: another organisation whose cooperation post this person writes to."""
    email = f"{label}@privacy.example"
    user = make_user(email)
    user.first_name, user.last_name = label.title(), "Muster"
    user.save()
    add_totp(user)
    provider = ProviderFactory(name=f"{label} GmbH", email=email, verified=True)
    add_member(user, provider, MemberRole.ADMIN)
    person = Person(label=label, user=user, provider=provider, email=email)
    _sign_in_traces(person)
    _organisation_traces(person)
    _cooperation_traces(person, partner)
    _event_traces(person)
    newsletter.subscribe(email=email, topics=[], consent=True, language="de", sender_ip="192.0.2.7")
    BarrierReport.objects.create(
        page_url="/suche/",
        description=f"{person.mark} contrast too low",
        contact_email=email.upper(),  # typed in another case than the account's address
        language="de",
        consented_at=timezone.now(),
    )
    return person


def _sign_in_traces(person: Person) -> None:
    trace = {"user_agent": f"{person.mark}-browser", "ip_address": "192.0.2.7"}
    trace |= {"username": person.email, "http_accept": "*/*", "path_info": "/konto/login/"}
    AccessLog.objects.create(**trace)
    AccessAttempt.objects.create(**trace, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**trace)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(person.user.pk)
    session.create()
    LogEntry.objects.create(
        user=person.user,
        content_type=ContentType.objects.get_for_model(Provider),
        object_id=str(person.provider.pk),
        object_repr=f"{person.mark} admin change",
        action_flag=ADDITION,
        change_message="[]",
    )


def _organisation_traces(person: Person) -> None:
    user, provider = person.user, person.provider
    invite_member(
        provider=provider,
        email=f"{person.label}-invitee@elsewhere.example",
        role=MemberRole.EDITOR,
        by=user,
        link=lambda invitation: "https://example.org/",
    )
    token, _secret = create_token(
        provider=provider, name=f"{person.mark} key", scopes=["jobs:write"], by=user
    )
    revoke_token(token=token, by=user)
    provider.reviewed_by = user
    provider.save(update_fields=["reviewed_by"])
    Company.objects.create(
        provider=provider,
        wz_code="62.01",
        size_class="micro",
        contact_name=f"{person.label.title()} Muster",
        contact_email=person.email,
        verified_by=user,
    )
    ImportRun.objects.create(provider=provider, started_by=user, file_name=f"{person.mark}.xml")
    audit.record(provider, "provider.updated", by=user, changes={"note": [None, person.mark]})


def _event_traces(person: Person) -> None:
    """A registration for a centre event, made while signed in."""
    event = events.create_event(
        data={"slug": f"{person.label}-lecture", "title": "Lecture", "status": "published"},
        organiser=None,
        by=None,
    )
    start = timezone.now() + timezone.timedelta(days=7)
    date = events.add_date(
        event=event, starts_at=start, ends_at=start + timezone.timedelta(hours=2), by=None
    )
    events.register(
        date_id=date.pk,
        name=f"{person.mark} attendee",
        email=person.email,
        consent=True,
        user=person.user,
    )


def _cooperation_traces(person: Person, partner: Provider | None) -> None:
    user, provider = person.user, person.provider
    data = {
        "post_type": "project_partner",
        "direction": "need",
        "title": "Partner wanted",  # the organisation's public title, not the person's
        "text": f"{person.mark} we need a partner",
        "valid_until": in_days(30),
    }
    post = create_post(provider=provider, data=data, by=user)
    if partner is None:
        return
    target = partner.cooperation_posts.first()
    interest = send_interest(
        sender=provider, message=f"{person.mark} hello", by=user, posts=[target]
    )
    # The partner answers the person, and the person answers the partner's own interest.
    recipient = interest.recipients.get()
    answer_interest(
        recipient=recipient, status="accepted", answer="gladly", by=partner.memberships.first().user
    )
    back = send_interest(
        sender=partner, message="hello back", by=partner.memberships.first().user, posts=[post]
    )
    answer_interest(
        recipient=back.recipients.get(), status="accepted", answer=f"{person.mark} yes", by=user
    )


def rows_mentioning(model: type, needle: str) -> int:
    """How many rows of ``model`` contain ``needle`` in any field (case-insensitive)."""
    needle = needle.lower()
    return sum(needle in str(row).lower() for row in model._default_manager.values())
