"""The events API: list filters, detail with places left, registration for a date.

Events and dates are built as rows (the API only reads them); every registration goes
through the real ``events.services.register`` behind ``POST …/registrations``.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from stadt360.events.models import (
    DateStatus,
    Event,
    EventDate,
    EventSeries,
    EventSource,
    EventStatus,
    Registration,
    RegistrationStatus,
    SeriesKind,
    Topic,
)
from tests.api.api_helpers import error_fields
from tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days(count: float) -> datetime.datetime:
    return NOW + datetime.timedelta(days=count)


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """A published event with one date per ``starts`` (in days from now), 2 h long."""

    def make(
        title: str = "Vortrag",
        *,
        starts: tuple[float, ...] = (7,),
        capacity: int | None = 10,
        audiences: tuple[str, ...] = (),
        **fields: Any,
    ) -> Event:
        defaults = {"slug": f"e-{Event.objects.count()}", "status": EventStatus.PUBLISHED}
        event = Event.objects.create(title=title, **(defaults | fields))
        event.audiences.set(audiences)
        for start in starts:
            begin = days(start)
            EventDate.objects.create(
                event=event,
                starts_at=begin,
                ends_at=begin + datetime.timedelta(hours=2),
                capacity=capacity,
            )
        return event

    return make


def first_date(event: Event) -> EventDate:
    return event.dates.order_by("starts_at").first()  # type: ignore[return-value]


def titles(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def post_registration(
    client: Client, date_id: int, *, email: str = "erika@example.org", **body: Any
) -> Any:
    payload = {"name": "Erika Muster", "email": email, "consent": True, "answers": {}} | body
    return client.post(
        f"/api/v1/events/{date_id}/registrations", payload, content_type="application/json"
    )


# --- list ----------------------------------------------------------------------------------


def test_the_list_shows_published_events_with_upcoming_dates_soonest_first(
    api: Callable[..., Any], make_event: Callable[..., Event]
) -> None:
    make_event("Später", starts=(20,))
    make_event("Bald", starts=(2, 30))
    make_event("Entwurf", status=EventStatus.DRAFT)
    make_event("Vorbei", starts=(-3,))

    response = api("/events")

    assert titles(response) == ["Bald", "Später"]
    soon = response.json()["items"][0]
    assert [d["capacity"] for d in soon["dates"]] == [10, 10]
    assert soon["dates"][0]["places_left"] == 10
    assert response.json()["count"] == 2


def test_from_and_to_narrow_the_period_and_each_item_carries_only_its_dates_in_it(
    api: Callable[..., Any], make_event: Callable[..., Event]
) -> None:
    make_event("Reihe", starts=(3, 10, 40))
    make_event("Vorbei", starts=(-10,))
    day = lambda n: timezone.localdate(days(n)).isoformat()  # noqa: E731

    response = api("/events", **{"from": day(5), "to": day(12)})
    assert titles(response) == ["Reihe"]
    assert len(response.json()["items"][0]["dates"]) == 1

    assert titles(api("/events", **{"from": day(-11), "to": day(-9)})) == ["Vorbei"]
    assert titles(api("/events", **{"from": day(50)})) == []


def test_series_audience_and_text_filters(
    api: Callable[..., Any], make_event: Callable[..., Event]
) -> None:
    series = EventSeries.objects.create(
        slug="ki-im-mittelstand", title="KI im Mittelstand", kind=SeriesKind.LECTURE_SERIES
    )
    make_event("Sprachmodelle im Betrieb", series=series, audiences=("companies",))
    make_event("Offener Abend", audiences=("pupils", "students"), summary="Roboter bauen")
    make_event("Fördermittel", title_en="Funding", audiences=("companies",))

    assert titles(api("/events", series="ki-im-mittelstand")) == ["Sprachmodelle im Betrieb"]
    assert set(titles(api("/events", audience="companies"))) == {
        "Sprachmodelle im Betrieb",
        "Fördermittel",
    }
    assert titles(api("/events", audience="pupils")) == ["Offener Abend"]
    assert titles(api("/events", q="roboter")) == ["Offener Abend"]
    assert titles(api("/events", q="funding")) == ["Fördermittel"]  # English title found too
    assert titles(api("/events", q="Mittelstand Betrieb")) == ["Sprachmodelle im Betrieb"]
    assert titles(api("/events", series="gibt-es-nicht")) == []


def test_texts_follow_the_request_language(
    client: Client, make_event: Callable[..., Event]
) -> None:
    make_event("Fördermittel", title_en="Funding")
    response = client.get("/api/v1/events", HTTP_ACCEPT_LANGUAGE="en")
    assert titles(response) == ["Funding"]


def test_demo_events_and_events_of_demo_organisers_carry_the_label(
    api: Callable[..., Any], make_event: Callable[..., Event]
) -> None:
    make_event("Echt", organiser=ProviderFactory(is_demo=False))
    make_event("Demo-Abend", source=EventSource.DEMO)
    make_event("Vom Demo-Verein", organiser=ProviderFactory(is_demo=True))

    items = {item["title"]: item for item in api("/events").json()["items"]}

    assert items["Echt"]["is_demo"] is False
    assert items["Echt"]["data_label"] is None
    assert items["Demo-Abend"]["data_label"] == "Demodaten"
    assert items["Vom Demo-Verein"]["is_demo"] is True
    assert items["Demo-Abend"]["organiser"] is None  # the innovation centre itself


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2027-02-30"}, "from"),
        ({"from": "0001-01-01"}, "from"),
        ({"to": "9999-12-31"}, "to"),
        ({"to": "morgen"}, "to"),
        ({"audience": "<script>"}, "audience"),
        ({"series": "x" * 200}, "series"),
        ({"page_size": "0"}, "page_size"),
    ],
)
def test_bad_filters_answer_422_naming_the_field(
    api: Callable[..., Any], params: dict[str, str], field: str
) -> None:
    assert field in error_fields(api("/events", **params))


def test_a_period_ending_before_it_starts_is_refused(api: Callable[..., Any]) -> None:
    response = api("/events", **{"from": "2027-03-01", "to": "2027-02-01"})
    assert response.status_code == 422
    assert "vor" in response.json()["detail"][0]["msg"]


def test_a_list_page_costs_the_same_few_queries_for_any_number_of_events(
    api: Callable[..., Any],
    make_event: Callable[..., Event],
    django_assert_max_num_queries: Any,
) -> None:
    series = EventSeries.objects.create(slug="s", title="Reihe", kind=SeriesKind.TRAINING)
    for number in range(6):
        make_event(f"Termin {number}", starts=(1, 2), series=series, audiences=("pupils",))
    # count, page, audiences, topics, dates with places held
    with django_assert_max_num_queries(5):
        assert len(titles(api("/events"))) == 6


def test_pages_have_links_and_counts(
    api: Callable[..., Any], make_event: Callable[..., Event]
) -> None:
    for number in range(3):
        make_event(f"Termin {number}", starts=(number + 1,))
    first = api("/events", page_size=2).json()
    assert first["count"] == 3
    assert len(first["items"]) == 2
    assert "page=2" in first["next"]
    assert titles(api("/events", page_size=2, page=2)) == ["Termin 2"]


# --- detail --------------------------------------------------------------------------------


def test_the_detail_has_all_dates_with_places_left_and_null_for_no_limit(
    api: Callable[..., Any], make_event: Callable[..., Event], client: Client
) -> None:
    event = make_event("Werkstatt", starts=(-7, 7), capacity=2, questions=[{"key": "firma"}])
    post_registration(client, event.dates.order_by("starts_at")[1].pk)
    open_event = make_event("Offener Abend", capacity=None)

    detail = api(f"/events/{event.pk}").json()

    assert [d["places_left"] for d in detail["dates"]] == [2, 1]
    assert detail["questions"] == [
        {"key": "firma", "label": "firma", "required": False, "choices": []}
    ]
    assert api(f"/events/{open_event.pk}").json()["dates"][0]["places_left"] is None


def test_drafts_and_unknown_events_are_404(
    api: Callable[..., Any], make_event: Callable[..., Event]
) -> None:
    draft = make_event("Entwurf", status=EventStatus.DRAFT)
    assert api(f"/events/{draft.pk}").status_code == 404
    assert api("/events/999999").status_code == 404
    assert api("/events/0").status_code == 422


# --- registration --------------------------------------------------------------------------


def test_registrations_are_confirmed_until_full_then_waitlisted_in_order(
    client: Client, make_event: Callable[..., Event]
) -> None:
    date = first_date(make_event(capacity=2))

    answers = [post_registration(client, date.pk, email=f"p{n}@example.org") for n in range(5)]

    assert [r.status_code for r in answers] == [201] * 5
    assert [r.json() for r in answers] == [
        {"status": "confirmed", "position": None},
        {"status": "confirmed", "position": None},
        {"status": "waitlisted", "position": 1},
        {"status": "waitlisted", "position": 2},
        {"status": "waitlisted", "position": 3},
    ]
    stored = Registration.objects.get(email="p0@example.org")
    assert stored.name == "Erika Muster"
    assert stored.consented_at is not None


def test_a_moderated_event_answers_pending_approval(
    client: Client, make_event: Callable[..., Event]
) -> None:
    date = first_date(make_event(moderated=True))
    response = post_registration(client, date.pk)
    assert response.status_code == 201
    assert response.json() == {"status": "pending_approval", "position": None}


def test_the_same_email_twice_is_a_409_duplicate(
    client: Client, make_event: Callable[..., Event]
) -> None:
    date = first_date(make_event())
    assert post_registration(client, date.pk, email="erika@example.org").status_code == 201

    again = post_registration(client, date.pk, email=" Erika@Example.org ")

    assert again.status_code == 409
    assert again.json()["code"] == "duplicate"
    assert again.json()["detail"]  # the service's sentence (its German is evcore's)
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"waitlist": False}, 409, "full"),
        ({"date_status": DateStatus.CANCELLED}, 409, "cancelled"),
        ({"starts": -1}, 409, "past"),
        ({"closes": -1}, 409, "closed"),
        ({"registration_required": False}, 409, "no_registration"),
        ({"status": EventStatus.DRAFT}, 404, "not_published"),
    ],
)
def test_refusals_carry_a_code_and_store_nothing(
    client: Client, make_event: Callable[..., Event], change: dict, status: int, code: str
) -> None:
    event = make_event(
        capacity=0 if "waitlist" in change else 5,
        starts=(change.get("starts", 7),),
        waitlist_enabled=change.get("waitlist", True),
        registration_required=change.get("registration_required", True),
        status=change.get("status", EventStatus.PUBLISHED),
    )
    date = first_date(event)
    date.status = change.get("date_status", DateStatus.SCHEDULED)
    if "closes" in change:
        date.registration_closes_at = days(change["closes"])
    date.save()

    response = post_registration(client, date.pk)

    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert not Registration.objects.exists()


def test_an_unknown_date_is_404(client: Client, db: None) -> None:
    response = post_registration(client, 424242)
    assert response.status_code == 404
    assert response.json()["code"] == "unknown_date"


def test_the_event_id_is_not_the_date_id(client: Client, make_event: Callable[..., Event]) -> None:
    """The path names a DATE: an event's id only works if a date happens to have it."""
    event = make_event()
    date = first_date(event)
    assert post_registration(client, date.pk).status_code == 201
    assert Registration.objects.get().date == date


def test_consent_must_be_given(client: Client, make_event: Callable[..., Event]) -> None:
    date = first_date(make_event())
    response = post_registration(client, date.pk, consent=False)
    assert error_fields(response) == {"consent"}
    assert response.json()["detail"][0]["type"] == "consent"
    assert not Registration.objects.exists()


def test_answers_must_fit_the_questions(client: Client, make_event: Callable[..., Event]) -> None:
    question = {"key": "firma", "label": "Firma", "required": True}
    date = first_date(make_event(questions=[question]))

    missing = post_registration(client, date.pk)
    unknown = post_registration(client, date.pk, answers={"firma": "X", "alter": "3"})
    fine = post_registration(client, date.pk, answers={"firma": "Muster GmbH"})

    assert error_fields(missing) == {"answers"}
    assert "Firma" in missing.json()["detail"][0]["msg"]
    assert error_fields(unknown) == {"answers"}
    assert fine.status_code == 201
    assert Registration.objects.get().answers == {"firma": "Muster GmbH"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"email": "keine-adresse"}, "email"),
        ({"consent": "vielleicht"}, "consent"),
        ({"answers": ["a"]}, "answers"),
        ({"extra": 1}, "extra"),
    ],
)
def test_bad_input_answers_422_naming_the_field(
    client: Client, make_event: Callable[..., Event], body: dict, field: str
) -> None:
    date = first_date(make_event())
    assert field in error_fields(post_registration(client, date.pk, **body))
    assert not Registration.objects.exists()


def test_nul_characters_are_refused_not_stored(
    client: Client, make_event: Callable[..., Event]
) -> None:
    date = first_date(make_event())
    assert post_registration(client, date.pk, name="Eri\x00ka").status_code == 422
    assert post_registration(client, date.pk, answers={"a\x00": "x"}).status_code == 422


def test_no_csrf_token_is_needed(make_event: Callable[..., Event]) -> None:
    date = first_date(make_event())
    strict = Client(enforce_csrf_checks=True)
    assert post_registration(strict, date.pk).status_code == 201


def test_too_many_registrations_from_one_address_are_429(
    client: Client, make_event: Callable[..., Event], settings: Any
) -> None:
    settings.EVENT_REGISTRATION_RATE_LIMIT = 2
    date = first_date(make_event())
    statuses = [
        post_registration(client, date.pk, email=f"p{n}@example.org").status_code for n in range(3)
    ]
    assert statuses == [201, 201, 429]
    limited = post_registration(client, date.pk, email="late@example.org")
    assert int(limited["Retry-After"]) >= 0
    assert Registration.objects.count() == 2


def test_the_openapi_document_explains_that_the_id_is_a_date(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/events/{date_id}/registrations"]["post"]
    assert "id of a DATE" in operation["description"]
    assert "/api/v1/events" in schema["paths"]
    assert "/api/v1/events/{event_id}" in schema["paths"]


def test_topics_are_listed(api: Callable[..., Any], make_event: Callable[..., Event]) -> None:
    event = make_event()
    event.topics.add(Topic.objects.create(slug="ki", name="KI", name_en="AI"))
    item = api("/events").json()["items"][0]
    assert item["topics"] == [{"slug": "ki", "name": "KI"}]
    assert item["status"] == "published"
    assert item["is_free"] is True
    assert RegistrationStatus.CONFIRMED == "confirmed"
