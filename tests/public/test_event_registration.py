"""Registering without an account, refusals in words, the management page and its actions."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, override

from stadt360.events import services
from stadt360.events.models import Registration, RegistrationStatus
from tests.public.event_world import EventWorld, event_world

__all__ = ["event_world"]


def register_url(date: Any) -> str:
    return reverse("public:event-register", args=[date.pk])


def german(message: str) -> str:
    with override("de"):
        return gettext(message)


def text_of(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def answers(**extra: str) -> dict[str, str]:
    return {
        "name": "Anna Schmidt",
        "email": "Anna@Example.org",
        "answer_company": "Druckerei Schmidt",
        "answer_level": "etwas",
        "consent": "on",
        **extra,
    }


def test_form_shows_the_events_questions_and_the_default_consent(
    client: Client, event_world: EventWorld
) -> None:
    html = text_of(client.get(register_url(event_world.lecture_date)))
    assert 'name="answer_company"' in html
    assert "Firma" in html
    assert '<option value="etwas">etwas</option>' in html
    assert "Ich bin einverstanden, dass der Veranstalter" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_event_consent_text_replaces_the_default(client: Client, event_world: EventWorld) -> None:
    event_world.lecture.consent_text = "Ich willige in die Fotoaufnahmen ein."
    event_world.lecture.save()
    html = text_of(client.get(register_url(event_world.lecture_date)))
    assert "Ich willige in die Fotoaufnahmen ein." in html


def test_happy_path_confirms_and_mails_ics_and_management_link(
    client: Client,
    event_world: EventWorld,
    immediate_tasks: None,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(event_world.lecture_date), answers())
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.email == "anna@example.org"
    assert registration.answers == {"company": "Druckerei Schmidt", "level": "etwas"}
    token = services.management_token(registration)
    assert response["Location"].startswith(f"/veranstaltungen/anmeldung/{token}/")
    page = text_of(client.get(response["Location"]))
    assert "Sie sind angemeldet" in page
    assert "Wir haben eine E-Mail an anna@example.org gesendet" in page
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert f"/veranstaltungen/anmeldung/{token}/" in message.body
    calendars = [part for part in message.attachments if "calendar" in str(part)]
    assert calendars, "the confirmation carries the date as .ics"


def test_missing_answers_are_listed_in_the_error_summary_and_input_kept(
    client: Client, event_world: EventWorld
) -> None:
    data = answers(name="", answer_level="")
    data.pop("consent")
    response = client.post(register_url(event_world.lecture_date), data)
    html = text_of(response)
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert "Geben Sie Ihren Namen ein." in html
    assert "Bitte beantworten Sie: Vorwissen" in html
    assert "Bitte stimmen Sie zu" in html
    assert 'value="Anna@Example.org"' in html
    assert not Registration.objects.exists()


def test_duplicate_email_is_refused_in_words_and_input_kept(
    client: Client, event_world: EventWorld
) -> None:
    client.post(register_url(event_world.lecture_date), answers())
    response = client.post(register_url(event_world.lecture_date), answers())
    html = text_of(response)
    assert response.status_code == 409
    assert german("This e-mail address is already registered for this date.") in html
    assert 'value="Druckerei Schmidt"' in html
    assert Registration.objects.count() == 1


def test_full_date_without_waiting_list_is_refused(client: Client, event_world: EventWorld) -> None:
    date = event_world.seminar_date
    client.post(register_url(date), {"name": "A", "email": "a@example.org", "consent": "on"})
    page = text_of(client.get(register_url(date)))
    assert "Eine Anmeldung ist nicht möglich" in page
    assert "Dieser Termin ist ausgebucht und hat keine Warteliste." in page
    response = client.post(
        register_url(date), {"name": "B", "email": "b@example.org", "consent": "on"}
    )
    assert response.status_code == 409
    assert german("This date is fully booked and has no waiting list.") in text_of(response)


def test_closed_date_is_refused(client: Client, event_world: EventWorld) -> None:
    date = event_world.lecture_date
    date.registration_closes_at = timezone.now() - datetime.timedelta(hours=1)
    date.save()
    response = client.post(register_url(date), answers())
    assert response.status_code == 409
    assert german("Registration for this date is closed.") in text_of(response)


def test_full_date_puts_people_on_the_waiting_list_with_their_position(
    client: Client, event_world: EventWorld
) -> None:
    date = event_world.lecture_date
    for n in range(4):
        response = client.post(register_url(date), answers(email=f"p{n}@example.org"))
    page = text_of(client.get(response["Location"]))
    assert "Sie stehen auf der Warteliste" in page
    assert "Sie sind Nummer 1 auf der Warteliste." in page
    assert "Warteliste verlassen" in page


def test_signed_in_person_gets_the_form_prefilled_and_the_registration_linked(
    event_world: EventWorld, citizen_client: Client
) -> None:
    html = text_of(citizen_client.get(register_url(event_world.lecture_date)))
    assert 'value="citizen@example.org"' in html
    citizen_client.post(
        register_url(event_world.lecture_date), answers(email="citizen@example.org")
    )
    registration = Registration.objects.get()
    assert registration.user is not None
    assert registration.user.email == "citizen@example.org"
    mine = text_of(citizen_client.get(reverse("public:my-event-registrations")))
    assert "Sprachmodelle im Betrieb" in mine


def test_registrations_are_limited_per_client_address(
    client: Client, event_world: EventWorld, settings: Any
) -> None:
    settings.STADT360_EVENT_REGISTRATIONS_PER_HOUR = 1
    client.post(register_url(event_world.lecture_date), answers())
    response = client.post(register_url(event_world.lecture_date), answers(email="b@example.org"))
    assert response.status_code == 429
    assert "Noch ist nichts gespeichert" in text_of(response)
    assert Registration.objects.count() == 1


def test_posting_without_csrf_token_is_refused(event_world: EventWorld) -> None:
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(register_url(event_world.lecture_date), answers()).status_code == 403


# --- The management page -----------------------------------------------------------------


def register(date: Any, email: str) -> services.Registered:
    given = {"level": "etwas"} if date.event.questions else None
    return services.register(date_id=date.pk, name="X", email=email, consent=True, answers=given)


def page_of(done: services.Registered) -> str:
    return reverse("public:event-registration", kwargs={"token": done.token})


@pytest.mark.parametrize("token", ["1.deadbeef", "kaputt", "999999.abc"])
def test_forged_link_gets_a_plain_not_found_page(
    client: Client, event_world: EventWorld, token: str
) -> None:
    register(event_world.lecture_date, "a@example.org")
    response = client.get(reverse("public:event-registration", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Anmeldung nicht gefunden" in text_of(response)
    assert "a@example.org" not in text_of(response)
    cancel = reverse("public:event-registration-cancel", kwargs={"token": token})
    assert client.post(cancel).status_code == 404


def test_cancel_passes_the_place_to_the_first_on_the_waiting_list(
    client: Client,
    event_world: EventWorld,
    immediate_tasks: None,
    django_capture_on_commit_callbacks,
) -> None:
    date = event_world.seminar_date
    date.event.waitlist_enabled = True
    date.event.save()
    holder = register(date, "holder@example.org")
    first = register(date, "first@example.org")
    second = register(date, "second@example.org")
    mail.outbox.clear()
    page = text_of(client.get(page_of(holder)))
    assert "Ihr Platz ist bestätigt." in page
    cancel = reverse("public:event-registration-cancel", kwargs={"token": holder.token})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel)
    assert response["Location"].endswith("?erledigt=abgesagt")
    assert "Ihre Anmeldung ist storniert." in text_of(client.get(response["Location"]))
    first.registration.refresh_from_db()
    assert first.registration.status == RegistrationStatus.OFFERED
    assert any("first@example.org" in message.to for message in mail.outbox)
    offer_page = text_of(client.get(page_of(first)))
    assert "Platz annehmen" in offer_page
    assert "Platz ablehnen" in offer_page
    accept = reverse("public:event-registration-accept", kwargs={"token": first.token})
    client.post(accept)
    first.registration.refresh_from_db()
    assert first.registration.status == RegistrationStatus.CONFIRMED
    second.registration.refresh_from_db()
    assert second.registration.status == RegistrationStatus.WAITLISTED


def test_declining_an_offer_passes_it_on(client: Client, event_world: EventWorld) -> None:
    date = event_world.seminar_date
    date.event.waitlist_enabled = True
    date.event.save()
    holder, first, second = (register(date, f"{n}@example.org") for n in ("h", "f", "s"))
    services.cancel_registration(registration=holder.registration)
    decline = reverse("public:event-registration-decline", kwargs={"token": first.token})
    assert client.post(decline)["Location"].endswith("?erledigt=abgelehnt")
    second.registration.refresh_from_db()
    assert second.registration.status == RegistrationStatus.OFFERED


def test_accepting_without_an_offer_says_why(client: Client, event_world: EventWorld) -> None:
    done = register(event_world.lecture_date, "a@example.org")
    accept = reverse("public:event-registration-accept", kwargs={"token": done.token})
    response = client.post(accept)
    assert response.status_code == 409
    assert german("There is no open offer for this registration.") in text_of(response)


def test_management_page_offers_the_ics(client: Client, event_world: EventWorld) -> None:
    done = register(event_world.lecture_date, "a@example.org")
    html = text_of(client.get(page_of(done)))
    ics = reverse("public:event-date-ics", args=[event_world.lecture_date.pk])
    assert f'href="{ics}"' in html
    assert client.get(ics).status_code == 200


def test_moderated_event_says_the_registration_waits_for_approval(
    client: Client, event_world: EventWorld
) -> None:
    event_world.lecture.moderated = True
    event_world.lecture.save()
    response = client.post(register_url(event_world.lecture_date), answers())
    page = text_of(client.get(response["Location"]))
    assert "Ihre Anmeldung ist eingegangen" in page
    assert "wartet auf die Bestätigung durch den Veranstalter" in page
    assert Registration.objects.get().status == RegistrationStatus.PENDING
