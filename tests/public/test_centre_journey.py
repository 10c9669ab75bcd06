"""The journey of issue 9, as a new person walks it, through the links the pages show.

Start page → Innovationszentrum → an upcoming lecture → register → the mail with the .ics
and the management link → cancel → the first on the waiting list gets the offer by mail.
Every step follows a link found in the page before (nothing is reached by a guessed URL).
"""

import re
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from stadt360.demo.site import seed_site
from stadt360.events import services
from stadt360.events.models import Registration, RegistrationStatus

pytestmark = pytest.mark.usefixtures("immediate_tasks")


def link_to(html: str, pattern: str) -> str:
    """The first ``href`` in ``html`` matching ``pattern`` (a regular expression)."""
    found = re.search(rf'href="({pattern})"', html)
    assert found, f"no link matching {pattern!r}"
    return found.group(1)


def management_path(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://[^/\s]+(/veranstaltungen/anmeldung/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def lecture(db: None):
    seed_site()
    event = services.create_event(
        data={
            "slug": "ki-im-mittelstand-januar",
            "title": "KI im Mittelstand: Sprachmodelle im Kundenservice",
            "summary": "Vortrag mit Beispielen aus Geraer Betrieben",
            "room": "Seminarraum 1",
            "status": "published",
        },
        organiser=None,
        by=None,
    )
    start = (timezone.now() + timedelta(days=5)).replace(hour=17, minute=0, second=0, microsecond=0)
    return services.add_date(
        event=event, starts_at=start, ends_at=start + timedelta(hours=2), capacity=1, by=None
    )


def test_start_page_to_registration_to_cancellation_passes_the_place_on(
    lecture, django_capture_on_commit_callbacks
) -> None:
    person = Client()
    home = person.get("/").content.decode()
    centre = person.get(link_to(home, r"/innovationszentrum/")).content.decode()
    event_page = person.get(link_to(centre, r"/veranstaltungen/ki-im-mittelstand-januar/"))
    form_url = link_to(event_page.content.decode(), rf"/veranstaltungen/termin/{lecture.pk}/[^\"]+")
    assert person.get(form_url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        answer = person.post(
            form_url, {"name": "Jana Beispiel", "email": "jana@example.org", "consent": "on"}
        )
    assert answer.status_code == 302
    confirmation = person.get(answer["Location"]).content.decode()
    assert "Sie sind angemeldet" in confirmation

    (sent,) = mail.outbox
    assert sent.to == ["jana@example.org"]
    parts = [p for p in sent.message().walk() if p.get_content_type() == "text/calendar"]
    (vevent,) = icalendar.Calendar.from_ical(parts[0].get_payload(decode=True)).walk("VEVENT")
    assert [p.get_content_type() for p in sent.message().walk()].count("image/png") == 1
    assert str(vevent["UID"]) == lecture.uid
    assert vevent.decoded("DTSTART") == lecture.starts_at

    # Somebody else finds the date full and waits.
    with django_capture_on_commit_callbacks(execute=True):
        services.register(
            date_id=lecture.pk, name="Tom Warte", email="tom@example.org", consent=True
        )
    waiting = Registration.objects.get(email="tom@example.org")
    assert waiting.status == RegistrationStatus.WAITLISTED
    mail.outbox.clear()

    own_page = person.get(management_path(sent)).content.decode()
    cancel_url = link_or_action(own_page, r"/veranstaltungen/anmeldung/[^\"/]+/absagen/")
    with django_capture_on_commit_callbacks(execute=True):
        person.post(cancel_url)
    assert Registration.objects.get(email="jana@example.org").status == "cancelled"

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.OFFERED
    (offer,) = mail.outbox
    assert offer.to == ["tom@example.org"]
    assert "Platz" in offer.subject


def link_or_action(html: str, pattern: str) -> str:
    found = re.search(rf'(?:href|action)="({pattern})"', html)
    assert found, f"no link or form matching {pattern!r}"
    return found.group(1)
