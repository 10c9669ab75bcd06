"""Who may see and change which events in the portal: every event URL × every role.

Members manage their organisation's events, centre staff the centre's; another
organisation's event, date or registration is a 404; residents and city staff without a
membership are no organisers (403); the check-in link from a QR code is a 404 for anyone
without access (it reveals nothing). An unverified organisation cannot publish.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from stadt360.events.checkin import checkin_path
from stadt360.events.models import EventStatus
from stadt360.portal import event_urls
from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.event_world import EventWorld, make_date, make_event, make_event_world, register

OK, LOGIN, FORBIDDEN, NOT_FOUND = "ok", "login", 403, 404
ROLES = ("anonymous", "resident", "editor", "admin", "other_member", "moderator", "centre")


@pytest.fixture
def ew(db) -> EventWorld:
    return make_event_world()


@pytest.fixture
def sign_in(client: Client, ew: EventWorld) -> Callable[[str], Client]:
    def as_role(role: str) -> Client:
        user = ew.users.get(role)
        if role == "resident":
            client.force_login(user)
        elif user is not None:
            sign_in_with_second_factor(client, user)
        return client

    return as_role


def organiser_pages(own: object = OK) -> dict[str, object]:
    """A's objects: its members may; B's admin and centre staff do not find them."""
    return {
        "anonymous": LOGIN,
        "resident": FORBIDDEN,
        "editor": own,
        "admin": own,
        "other_member": NOT_FOUND,
        "moderator": FORBIDDEN,
        "centre": NOT_FOUND,
    }


def everyone_with_access() -> dict[str, object]:
    return {**organiser_pages(), "other_member": OK, "centre": OK}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[EventWorld], str]
    expected: dict[str, object]
    data: Callable[[EventWorld], dict] = lambda ew: {}


def on_event(name: str) -> Callable[[EventWorld], str]:
    return lambda ew: reverse(f"events_portal:{name}", args=[ew.event.pk])


def on_date(name: str) -> Callable[[EventWorld], str]:
    return lambda ew: reverse(f"events_portal:{name}", args=[ew.first.pk])


def on_registration(name: str, *args: str, person: str) -> Callable[[EventWorld], str]:
    return lambda ew: reverse(f"events_portal:{name}", args=[register(ew.first, person).pk, *args])


def checkin_url(ew: EventWorld) -> str:
    return checkin_path(register(ew.first, "Grace Hopper"))


CASES = [
    Case("list", "get", lambda ew: reverse("events_portal:event-list"), everyone_with_access()),
    Case("series", "get", lambda ew: reverse("events_portal:series-list"), everyone_with_access()),
    Case(
        "series-new",
        "get",
        lambda ew: reverse("events_portal:series-create"),
        everyone_with_access(),
    ),
    Case(
        "series-edit",
        "get",
        lambda ew: reverse("events_portal:series-edit", args=[ew.series.pk]),
        organiser_pages(),
    ),
    Case("create", "get", lambda ew: reverse("events_portal:event-create"), everyone_with_access()),
    *(Case(n, "get", on_event(n), organiser_pages()) for n in ("event-detail", "event-edit")),
    *(Case(n, "get", on_event(n), organiser_pages()) for n in ("event-cancel", "date-add")),
    Case("event-recurrence", "get", on_event("event-recurrence"), organiser_pages()),
    Case("event-publish", "post", on_event("event-publish"), organiser_pages()),
    *(
        Case(n, "get", on_date(n), organiser_pages())
        for n in ("date-registrations", "date-edit", "date-cancel", "date-message")
    ),
    *(Case(n, "get", on_date(n), organiser_pages()) for n in ("date-export", "date-checkin")),
    Case(
        "registration-action",
        "post",
        on_registration("registration-action", "einchecken", person="Ada Lovelace"),
        organiser_pages(),
    ),
    Case(
        "registration-move",
        "post",
        on_registration("registration-move", person="Bea Berg"),
        organiser_pages(),
        data=lambda ew: {"to_date": ew.second.pk},
    ),
    Case(
        "checkin-code",
        "get",
        checkin_url,
        {**organiser_pages(), "resident": NOT_FOUND, "moderator": NOT_FOUND},
    ),
]


@pytest.mark.parametrize(
    ("case", "role"), [pytest.param(c, r, id=f"{c.name}-{r}") for c in CASES for r in ROLES]
)
def test_event_pages_by_role(case: Case, role: str, ew, sign_in):
    client = sign_in(role)
    response = getattr(client, case.method)(case.url(ew), case.data(ew))
    expected = case.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == OK and case.method == "post":
        assert response.status_code == 302
    elif expected == OK:
        assert response.status_code == 200
    else:
        assert response.status_code == expected


def test_every_event_url_is_in_the_table(ew):
    covered = {case.url(ew) for case in CASES}
    names = {pattern.name for pattern in event_urls.urlpatterns}
    from django.urls import resolve

    assert names - {resolve(url).url_name for url in covered} == set()


def test_centre_staff_manage_the_centre_events_and_no_others(ew, sign_in):
    client = sign_in("centre")
    date = make_date(ew.centre_event, days=3)
    assert (
        client.get(reverse("events_portal:event-detail", args=[ew.centre_event.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("events_portal:date-registrations", args=[date.pk])).status_code == 200
    )
    listed = client.get(reverse("events_portal:event-list")).content.decode()
    assert "Offener Abend" in listed
    assert "KI im Mittelstand" not in listed
    assert "Hackerabend" not in listed


def test_a_member_lists_only_the_own_organisations_events(ew, sign_in):
    listed = sign_in("editor").get(reverse("events_portal:event-list")).content.decode()
    assert "KI im Mittelstand" in listed
    assert "Offener Abend" not in listed
    assert "Hackerabend" not in listed


def test_the_portal_navigation_links_the_events(ew, sign_in):
    for role in ("editor", "centre"):
        page = sign_in(role).get(reverse("events_portal:event-list")).content.decode()
        assert f'href="{reverse("events_portal:event-list")}"' in page
        assert "Veranstaltungen" in page
    dashboard = sign_in("editor").get(reverse("portal:dashboard")).content.decode()
    assert f'href="{reverse("events_portal:event-list")}"' in dashboard


def test_an_unverified_organisation_cannot_publish(ew, sign_in):
    draft = make_event(ew.unverified, "Vereinsabend", status=EventStatus.DRAFT)
    make_date(draft, days=5)
    client = sign_in("unverified_member")
    response = client.post(reverse("events_portal:event-publish", args=[draft.pk]), follow=True)
    draft.refresh_from_db()
    assert draft.status == EventStatus.DRAFT
    assert "Die Stadt hat Ihre Organisation noch nicht geprüft" in response.content.decode()
