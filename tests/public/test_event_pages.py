"""The public event pages: list with filters, month calendar, event and series pages."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stadt360.events.models import DateStatus, Registration, RegistrationStatus
from tests.public.event_world import EventWorld, add_date, event_world, make_event

__all__ = ["event_world"]

LIST = "/veranstaltungen/"


def fill(date, count: int, status: str = RegistrationStatus.CONFIRMED) -> None:  # type: ignore[no-untyped-def]
    for n in range(count):
        Registration.objects.create(
            date=date, name=f"P{n}", email=f"p{n}.{status}@example.org", status=status, key="k"
        )


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def test_urls_have_the_contract_names() -> None:
    assert reverse("public:events") == LIST
    assert reverse("public:event-detail", args=["x"]) == "/veranstaltungen/x/"
    assert reverse("public:event-series", args=["x"]) == "/veranstaltungen/reihe/x/"
    assert reverse("public:event-register", args=[4]) == "/veranstaltungen/termin/4/anmelden/"
    assert reverse("public:event-registration", kwargs={"token": "1.ab"}).startswith(
        "/veranstaltungen/anmeldung/"
    )
    assert reverse("public:events-ical") == "/veranstaltungen/ical/"
    assert reverse("public:event-date-ics", args=[4]) == "/veranstaltungen/termin/4.ics"


def test_list_groups_upcoming_dates_by_day_and_says_places_in_words(
    client: Client, event_world: EventWorld
) -> None:
    fill(event_world.lecture_date, 2)
    fill(event_world.seminar_date, 1)
    html = text_of(client.get(LIST))
    assert "Sprachmodelle im Betrieb" in html
    assert "noch 1 Platz" in html  # 3 places, 2 taken
    assert "Ausgebucht" in html  # the seminar has no waiting list
    assert "Keine Anmeldung nötig" in html  # the hackerspace evening
    assert "Noch geheim" not in html  # a draft never shows
    day = timezone.localtime(event_world.lecture_date.starts_at)
    assert f"{day.day}. " in html
    assert str(day.year) in html
    assert "Demodaten" in html  # the hackerspace evening is demo data
    assert "webcal://" in html
    assert "Kalender abonnieren" in html


def test_full_date_with_waiting_list_says_so(client: Client, event_world: EventWorld) -> None:
    fill(event_world.lecture_date, 3)
    html = text_of(client.get(LIST))
    assert "Ausgebucht – Warteliste" in html


def test_cancelled_date_is_marked_in_words(client: Client, event_world: EventWorld) -> None:
    event_world.lecture_date.status = DateStatus.CANCELLED
    event_world.lecture_date.save()
    html = text_of(client.get(LIST))
    assert "Abgesagt" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"reihe": "ki-im-mittelstand"}, "Sprachmodelle", "Fördermittel"),
        ({"zielgruppe": "pupils"}, "Hackerspace-Abend", "Sprachmodelle"),
        ({"thema": "foerderung"}, "Fördermittel", "Sprachmodelle"),
        ({"q": "sprachmodelle"}, "Sprachmodelle", "Fördermittel"),
    ],
)
def test_filters(
    client: Client, event_world: EventWorld, query: dict, shown: str, hidden: str
) -> None:
    html = text_of(client.get(LIST, query))
    assert shown in html
    assert hidden not in html


def test_subscribe_box_offers_the_feed_of_the_chosen_audience_or_series(
    client: Client, event_world: EventWorld
) -> None:
    assert "/veranstaltungen/ical/pupils/" in text_of(client.get(LIST, {"zielgruppe": "pupils"}))
    series = text_of(client.get(LIST, {"reihe": "ki-im-mittelstand"}))
    assert "webcal://testserver/veranstaltungen/reihe/ki-im-mittelstand/ical/" in series


def test_date_range_filter(client: Client, event_world: EventWorld) -> None:
    start = timezone.localdate() + datetime.timedelta(days=30)
    html = text_of(client.get(LIST, {"von": start.isoformat()}))
    assert html.count(">Sprachmodelle im Betrieb</a>") == 1  # only the date in 40 days
    assert "Fördermittel" not in html
    end_before_start = {"von": start.isoformat(), "bis": "2020-01-01"}
    assert "Das Ende darf nicht vor dem Beginn liegen." in text_of(
        client.get(LIST, end_before_start)
    )


def test_empty_result_offers_to_remove_each_filter(client: Client, event_world: EventWorld) -> None:
    response = client.get(LIST, {"zielgruppe": "pupils", "thema": "foerderung"})
    html = text_of(response)
    assert "Keine Veranstaltungen passen zu diesen Filtern" in html
    assert "„Für wen: Schülerinnen und Schüler“ entfernen" in html
    assert "thema=foerderung" in html  # the link that drops the audience keeps the topic


def test_list_is_paginated(client: Client, event_world: EventWorld) -> None:
    for day in range(60, 85):
        add_date(event_world.lecture, day)
    first, second = client.get(LIST), client.get(LIST, {"page": 2})
    assert "?page=2" in text_of(first)
    assert "Nächste Seite" in text_of(first)
    assert "Sprachmodelle im Betrieb" in text_of(second)


def test_month_calendar_is_a_table_with_links_and_month_navigation(
    client: Client, event_world: EventWorld
) -> None:
    start = timezone.localtime(event_world.lecture_date.starts_at)
    month = f"{start.year}-{start.month:02d}"
    html = text_of(client.get(LIST, {"ansicht": "kalender", "monat": month}))
    assert '<table class="s360-calendar"' in html
    assert '<th scope="col"><abbr title="Montag">Mo</abbr></th>' in html
    detail = reverse("public:event-detail", args=[event_world.lecture.slug])
    assert f'href="{detail}"' in html
    assert 'rel="prev"' in html
    assert 'rel="next"' in html
    assert "als Liste" in html  # the list equivalent under the table


def test_calendar_month_falls_back_to_the_current_one(
    client: Client, event_world: EventWorld
) -> None:
    response = client.get(LIST, {"ansicht": "kalender", "monat": "kaputt"})
    assert response.status_code == 200
    assert str(timezone.localdate().year) in text_of(response)


def test_detail_shows_texts_places_price_and_a_register_button_per_date(
    client: Client, event_world: EventWorld
) -> None:
    html = text_of(client.get(f"{LIST}ki-vortrag-sprachmodelle/"))
    assert "<strong>Sprachmodelle</strong>" in html
    assert "<script>alert" not in html
    assert "Innovationszentrum Gera" in html
    assert "Kostenlos" in html
    assert "Der Saal ist stufenlos erreichbar." in html
    assert "TGZ Gera, Saal 1" in html
    assert "Ernst-Ruska-Ring 1, 07545 Gera" in html
    assert "Reihe: KI im Mittelstand" in html
    for date in (event_world.lecture_date, event_world.second_lecture_date):
        assert reverse("public:event-register", args=[date.pk]) in html
        assert reverse("public:event-date-ics", args=[date.pk]) in html


def test_detail_price_unknown_is_said_to_be_unknown(
    client: Client, event_world: EventWorld
) -> None:
    event_world.seminar.price = None
    event_world.seminar.save()
    html = text_of(client.get(f"{LIST}foerdermittel-seminar/"))
    assert "Preis nicht angegeben" in html
    assert "0 €" not in html


def test_draft_event_is_not_found(client: Client, event_world: EventWorld) -> None:
    assert client.get(f"{LIST}entwurf/").status_code == 404


def jsonld_of(response) -> dict:  # type: ignore[no-untyped-def]
    match = re.search(
        r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.content.decode(), re.S
    )
    assert match
    return json.loads(match.group(1))


def test_detail_jsonld_is_a_schema_org_event_per_date(
    client: Client, event_world: EventWorld
) -> None:
    fill(event_world.lecture_date, 1)
    event_world.second_lecture_date.status = DateStatus.CANCELLED
    event_world.second_lecture_date.save()
    data = jsonld_of(client.get(f"{LIST}ki-vortrag-sprachmodelle/"))
    assert data["@context"] == "https://schema.org"
    first, second = data["@graph"]
    assert first["@type"] == "Event"
    assert first["name"] == "Sprachmodelle im Betrieb"
    assert datetime.datetime.fromisoformat(first["startDate"]) == event_world.lecture_date.starts_at
    assert datetime.datetime.fromisoformat(first["endDate"]) == event_world.lecture_date.ends_at
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert second["eventStatus"] == "https://schema.org/EventCancelled"
    assert first["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert first["location"]["@type"] == "Place"
    assert first["location"]["address"]["postalCode"] == "07545"
    assert first["organizer"]["name"] == "Innovationszentrum Gera"
    assert first["offers"]["price"] == 0
    assert first["offers"]["priceCurrency"] == "EUR"
    assert first["offers"]["availability"] == "https://schema.org/LimitedAvailability"
    assert first["remainingAttendeeCapacity"] == 2
    assert first["url"].startswith("http://testserver/veranstaltungen/")


def test_jsonld_of_an_online_paid_event(client: Client, event_world: EventWorld) -> None:
    fill(event_world.seminar_date, 1)
    (entry,) = jsonld_of(client.get(f"{LIST}foerdermittel-seminar/"))["@graph"]
    assert entry["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert entry["location"] == {
        "@type": "VirtualLocation",
        "url": "https://meet.example.org/foerderung",
    }
    assert entry["offers"]["price"] == 25
    assert entry["offers"]["availability"] == "https://schema.org/SoldOut"
    assert entry["remainingAttendeeCapacity"] == 0


def test_verified_organiser_is_named(client: Client, event_world: EventWorld) -> None:
    from tests.factories import ProviderFactory

    event_world.seminar.organiser = ProviderFactory(name="IHK Ostthüringen", verified=True)
    event_world.seminar.save()
    response = client.get(f"{LIST}foerdermittel-seminar/")
    assert "IHK Ostthüringen" in text_of(response)
    assert jsonld_of(response)["@graph"][0]["organizer"]["name"] == "IHK Ostthüringen"


def test_series_page_lists_its_dates_and_its_feed(client: Client, event_world: EventWorld) -> None:
    other = make_event("ki-praxis", "KI in der Praxis", series=event_world.series)
    add_date(other, 12)
    html = text_of(client.get(f"{LIST}reihe/ki-im-mittelstand/"))
    assert "KI im Mittelstand" in html
    assert "KI in der Praxis" in html
    assert "Sprachmodelle im Betrieb" in html
    assert "Fördermittel" not in html
    assert "/veranstaltungen/reihe/ki-im-mittelstand/ical/" in html
    assert client.get(f"{LIST}reihe/gibt-es-nicht/").status_code == 404


def test_my_registrations_needs_sign_in_and_lists_own(
    event_world: EventWorld, citizen_client: Client
) -> None:
    url = reverse("public:my-event-registrations")
    assert Client().get(url).status_code == 302
    user = citizen_client.get(url).wsgi_request.user
    Registration.objects.create(
        date=event_world.lecture_date,
        user=user,
        name="C",
        email="c@example.org",
        status=RegistrationStatus.CONFIRMED,
        key="abc",
    )
    html = text_of(citizen_client.get(url))
    assert "Sprachmodelle im Betrieb" in html
    assert "/veranstaltungen/anmeldung/" in html


@pytest.mark.parametrize("path", [LIST, f"{LIST}ki-vortrag-sprachmodelle/"])
def test_query_counts_do_not_grow_with_dates(
    client: Client, event_world: EventWorld, django_assert_max_num_queries, path: str
) -> None:
    for day in range(11, 30):
        fill(add_date(event_world.lecture, day), 2)
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200


def test_calendar_query_count(
    client: Client, event_world: EventWorld, django_assert_max_num_queries
) -> None:
    for day in range(11, 30):
        add_date(event_world.seminar, day)
    with django_assert_max_num_queries(12):
        assert client.get(LIST, {"ansicht": "kalender"}).status_code == 200


def test_pages_are_complete_in_english(client: Client, event_world: EventWorld) -> None:
    html = text_of(client.get("/en" + LIST))
    assert '<html lang="en">' in html
    assert "3 places left" in html
    assert "No registration needed" in html
    detail = text_of(client.get(f"/en{LIST}ki-vortrag-sprachmodelle/"))
    assert "Innovation centre Gera" in detail
    assert "Students, Companies" in detail  # in the seeded order of audiences
    assert "Free of charge" in detail


def test_htmx_page_links_get_only_the_results(client: Client, event_world: EventWorld) -> None:
    for day in range(60, 85):
        add_date(event_world.lecture, day)
    html = text_of(
        client.get(LIST, {"page": 2}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="event-results")
    )
    assert html.strip().startswith('<div id="event-results"')
    assert 'hx-target="#event-results"' in text_of(client.get(LIST))
