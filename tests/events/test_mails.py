"""The mails: through tasks, per status, with the .ics of the date and the management link,
in the language the person registered in."""

import icalendar
import pytest
from django.test import override_settings
from django.urls import reverse

from stadt360.events import services
from stadt360.events.models import EventDate
from tests.events.conftest import make_date, make_event, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    def run(action):  # type: ignore[no-untyped-def]
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result, list(mailoutbox)

    return run


@override_settings(SITE_URL="https://gera360.example")
def test_the_confirmation_carries_the_ics_and_an_absolute_management_link(sent) -> None:  # type: ignore[no-untyped-def]
    date = make_date(make_event(room="TGZ, Saal 1"), capacity=1)
    done, mails = sent(lambda: register(date, "anna@example.org"))
    (mail,) = mails
    assert mail.to == ["anna@example.org"]
    link = "https://gera360.example" + reverse(
        "public:event-registration", kwargs={"token": done.token}
    )
    assert link in mail.body
    assert "TGZ, Saal 1" in mail.body
    part, qr = mail.attachments
    assert (qr.filename, qr.mimetype) == ("einlass-qr.png", "image/png")
    assert qr.content.startswith(b"\x89PNG")
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "PUBLISH"
    assert part.get_filename() == "termin.ics"
    calendar = icalendar.Calendar.from_ical(part.get_content())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["uid"]) == date.uid
    assert calendar.walk("VTIMEZONE")
    raw = mail.message().as_string()
    assert "text/calendar" in raw
    assert "method" in raw.lower()


def test_each_status_has_its_own_text(sent) -> None:  # type: ignore[no-untyped-def]
    date = make_date(make_event(), capacity=1)
    _confirmed, first = sent(lambda: register(date, "a@example.org"))
    _waiting, second = sent(lambda: register(date, "b@example.org"))
    moderated = make_date(make_event(title="Werkstatt", moderated=True))
    _pending, third = sent(lambda: register(moderated, "c@example.org"))
    bodies = [first[0].body, second[0].body, third[0].body]
    assert [first[0].subject, second[0].subject, third[0].subject] == [
        "Gera 360°: Ihr Platz ist bestätigt",
        "Gera 360°: Sie stehen auf der Warteliste",
        "Gera 360°: Wir haben Ihre Anmeldung erhalten",
    ]
    assert "Sie stehen auf Platz 1 der Warteliste" in bodies[1]
    assert "48 Stunden" in bodies[1]  # how long an offer would be held
    assert "bestätigt der Veranstalter" in bodies[2]
    assert all("/veranstaltungen/" in body for body in bodies)


def test_english_registrants_get_english_mails(sent) -> None:  # type: ignore[no-untyped-def]
    date = make_date(make_event(title="KI", title_en="AI"), capacity=1)
    done, mails = sent(lambda: register(date, "en@example.org", language="en"))
    assert done.registration.language == "en"
    assert mails[0].subject == "Gera 360°: Your place is confirmed"
    assert "/en/" in mails[0].body or "Hello" in mails[0].body
    _, _offer_mails = sent(lambda: register(date, "second@example.org", language="en"))
    _, mails = sent(lambda: services.cancel_registration(registration=done.registration))
    assert mails[0].subject == "Gera 360°: A place has become free for you"
    assert "Accept" in mails[0].body


def test_no_secret_travels_in_task_arguments(
    settings, date: EventDate, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        done = register(date, "a@example.org")
    arguments = [str(row.args_kwargs) for row in DBTaskResult.objects.all()]
    assert arguments == [str({"args": [], "kwargs": {"registration_id": done.registration.pk}})]
