"""Creating, editing and publishing an event and setting its dates through the portal forms.

The forms only translate; the stored result is what ``events.services`` made of it.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from stadt360.events.models import Audience, Event, EventSeries, EventStatus, Topic
from stadt360.portal.event_forms import monthly_weekday_rule, parse_questions, questions_text
from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.event_world import EventWorld, make_event, make_event_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def ew(db) -> EventWorld:
    Topic.objects.get_or_create(slug="ki", defaults={"name": "Künstliche Intelligenz"})
    return make_event_world()


@pytest.fixture
def editor(client, ew):
    return sign_in_with_second_factor(client, ew.users["editor"])


def event_post(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organiser": "",
        "title": "Daten im Handwerk",
        "summary": "Wie Betriebe ihre Daten nutzen.",
        "description": "<p>Mit Beispielen.</p><script>alert(1)</script>",
        "series": "",
        "audiences": ["companies"],
        "topics": ["ki"],
        "languages": ["de", "en"],
        "accessibility": "Stufenloser Zugang",
        "room": "Saal 1",
        "online_url": "",
        "street": "Keplerstraße 10",
        "postcode": "07549",
        "city": "Gera",
        "is_free": "",
        "price": "15.00",
        "registration_required": "on",
        "moderated": "on",
        "waitlist_enabled": "on",
        "offer_hold_hours": "24",
        "questions": "Firma | required\nErnährung | optional | vegetarisch, vegan",
        "consent_text": "Wir speichern Ihren Namen bis nach der Veranstaltung.",
    }
    data.update(changes)
    return data


def test_parse_questions_and_back():
    questions = parse_questions("Firma | required\n\nErnährung | optional | vegetarisch, vegan\n")
    assert questions == [
        {"key": "firma", "label": "Firma", "required": True, "choices": []},
        {
            "key": "ernahrung",
            "label": "Ernährung",
            "required": False,
            "choices": ["vegetarisch", "vegan"],
        },
    ]
    assert parse_questions(questions_text(questions)) == questions


def test_monthly_rule_names_the_weekday_of_the_first_date():
    assert monthly_weekday_rule(dt.datetime(2027, 1, 12, 18)) == "FREQ=MONTHLY;BYDAY=2TU"
    assert monthly_weekday_rule(dt.datetime(2027, 3, 29, 18)) == "FREQ=MONTHLY;BYDAY=-1MO"


def test_create_an_event_with_every_field(ew, editor):
    data = event_post(organiser=str(ew.world.provider.pk))
    response = editor.post(reverse("events_portal:event-create"), data)
    event = Event.objects.get(title="Daten im Handwerk")
    assert response.status_code == 302
    assert response["Location"] == reverse("events_portal:event-detail", args=[event.pk])
    assert event.organiser == ew.world.provider
    assert event.status == EventStatus.DRAFT
    assert "<script>" not in event.description
    assert event.price == 15
    assert not event.is_free
    assert event.moderated
    assert event.waitlist_enabled
    assert event.offer_hold_hours == 24
    assert event.languages == ["de", "en"]
    assert [q["label"] for q in event.questions] == ["Firma", "Ernährung"]
    assert event.questions[0]["required"] is True
    assert list(event.audiences.all()) == [Audience.objects.get(slug="companies")]
    assert list(event.topics.values_list("slug", flat=True)) == ["ki"]


def test_a_missing_title_is_named_next_to_the_field(ew, editor):
    data = event_post(organiser=str(ew.world.provider.pk), title="")
    response = editor.post(reverse("events_portal:event-create"), data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Event.objects.filter(summary="Wie Betriebe ihre Daten nutzen.").exists()


def test_members_cannot_create_for_the_centre(ew, editor):
    data = event_post(organiser="centre")
    response = editor.post(reverse("events_portal:event-create"), data)
    assert response.status_code == 200  # not among the choices
    assert not Event.objects.filter(title="Daten im Handwerk").exists()


def test_centre_staff_create_the_centres_event(ew, client):
    sign_in_with_second_factor(client, ew.users["centre"])
    client.post(reverse("events_portal:event-create"), event_post(organiser="centre"))
    assert Event.objects.get(title="Daten im Handwerk").organiser is None


def test_edit_keeps_the_organiser_and_shows_the_questions(ew, editor):
    url = reverse("events_portal:event-edit", args=[ew.event.pk])
    page = editor.get(url).content.decode()
    assert "Firma | optional" in page
    data = event_post(title="KI im Mittelstand II", is_free="on", price="")
    assert editor.post(url, data).status_code == 302
    ew.event.refresh_from_db()
    assert ew.event.title == "KI im Mittelstand II"
    assert ew.event.is_free
    assert ew.event.price is None
    assert ew.event.organiser == ew.world.provider


def test_publish_a_draft(ew, editor):
    draft = make_event(ew.world.provider, "Fördermittel kompakt", status=EventStatus.DRAFT)
    editor.post(reverse("events_portal:date-add", args=[draft.pk]), date_post(days=9))
    response = editor.post(reverse("events_portal:event-publish", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert draft.status == EventStatus.PUBLISHED
    assert response.status_code == 200


def local(days: int, hour: int = 18) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, 0))


def date_post(days: int, capacity: str = "20") -> dict[str, str]:
    return {
        "starts_at": f"{local(days):%Y-%m-%dT%H:%M}",
        "ends_at": f"{local(days, 20):%Y-%m-%dT%H:%M}",
        "capacity": capacity,
        "registration_closes_at": "",
    }


def test_add_and_edit_a_single_date(ew, editor):
    response = editor.post(reverse("events_portal:date-add", args=[ew.event.pk]), date_post(21))
    assert response.status_code == 302
    date = ew.event.dates.get(starts_at=timezone.make_aware(local(21)))
    assert date.capacity == 20
    edit = reverse("events_portal:date-edit", args=[date.pk])
    assert editor.post(edit, date_post(21, capacity="30")).status_code == 302
    date.refresh_from_db()
    assert date.capacity == 30


def test_a_date_that_ends_before_it_starts_is_refused(ew, editor):
    data = {**date_post(21), "ends_at": f"{local(20):%Y-%m-%dT%H:%M}"}
    response = editor.post(reverse("events_portal:date-add", args=[ew.event.pk]), data)
    assert response.status_code == 200
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()


def recurrence_post(**changes: str) -> dict[str, str]:
    data = {
        "first_start": f"{local(30):%Y-%m-%dT%H:%M}",
        "duration_minutes": "90",
        "frequency": "weekly",
        "until": "",
        "count": "4",
        "exceptions": f"{local(37):%d.%m.%Y}",
        "rule": "",
        "capacity": "12",
    }
    data.update(changes)
    return data


def test_a_weekly_rule_with_an_exception_through_the_form(ew, editor):
    fresh = make_event(ew.world.provider, "Offene Werkstatt")
    url = reverse("events_portal:event-recurrence", args=[fresh.pk])
    assert editor.post(url, recurrence_post()).status_code == 302
    starts = [timezone.localtime(d.starts_at) for d in fresh.dates.order_by("starts_at")]
    assert [s.date() for s in starts] == [local(d).date() for d in (30, 44, 51)]
    assert all(d.capacity == 12 for d in fresh.dates.all())
    assert all(s.hour == 18 and s.minute == 0 for s in starts)


def test_an_expert_rule_through_the_form(ew, editor):
    fresh = make_event(ew.world.provider, "Hackerspace")
    url = reverse("events_portal:event-recurrence", args=[fresh.pk])
    data = recurrence_post(rule="RRULE:FREQ=DAILY;COUNT=3", count="", exceptions="")
    assert editor.post(url, data).status_code == 302
    assert fresh.dates.count() == 3


def test_an_exploding_rule_is_a_message_and_stores_nothing(ew, editor):
    fresh = make_event(ew.world.provider, "Minütlich")
    url = reverse("events_portal:event-recurrence", args=[fresh.pk])
    data = recurrence_post(rule="FREQ=MINUTELY", count="", exceptions="")
    response = editor.post(url, data)
    assert response.status_code == 200
    assert 'id="error-summary"' in response.content.decode()
    assert fresh.dates.count() == 0


def test_a_simple_rule_needs_an_end(ew, editor):
    url = reverse("events_portal:event-recurrence", args=[ew.event.pk])
    response = editor.post(url, recurrence_post(count=""))
    assert response.status_code == 200
    assert (
        "Bitte geben Sie den letzten Tag oder die Anzahl der Termine an."
        in response.content.decode()
    )


def test_create_a_series_and_choose_it_for_an_event(ew, editor):
    data = {
        "organiser": str(ew.world.provider.pk),
        "kind": "seminars",
        "status": "published",
        "title": "Fördermittel-Seminare",
        "summary": "",
        "description": "",
        "audiences": ["companies"],
    }
    response = editor.post(reverse("events_portal:series-create"), data)
    assert response.status_code == 302
    series = EventSeries.objects.get(title="Fördermittel-Seminare")
    assert series.status == "published"
    assert series.organiser == ew.world.provider
    form = editor.get(reverse("events_portal:event-edit", args=[ew.event.pk])).content.decode()
    assert "Fördermittel-Seminare" in form
    url = reverse("events_portal:event-edit", args=[ew.event.pk])
    editor.post(url, event_post(title="KI im Mittelstand", series=str(series.pk)))
    ew.event.refresh_from_db()
    assert ew.event.series == series


def test_an_unverified_organisation_keeps_its_series_a_draft(ew, client):
    sign_in_with_second_factor(client, ew.users["unverified_member"])
    data = {"organiser": str(ew.unverified.pk), "kind": "other", "status": "published"}
    response = client.post(
        reverse("events_portal:series-create"), {**data, "title": "Vereinsreihe"}, follow=True
    )
    assert EventSeries.objects.get(title="Vereinsreihe").status == "draft"
    assert "als Entwurf gespeichert" in response.content.decode()
