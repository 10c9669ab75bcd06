"""Back office list of barrier reports: who may see it, what it shows, status changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stadt360.public.models import BarrierReport, BarrierStatus

LIST = "/backoffice/barrieren/"


def report(description: str, status: BarrierStatus = BarrierStatus.NEW) -> BarrierReport:
    return BarrierReport.objects.create(
        page_url="https://gera360.de/suche/",
        description=description,
        language="de",
        status=status,
        consented_at=timezone.now(),
    )


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/?next=/backoffice/barrieren/")


@pytest.mark.django_db
def test_logged_in_non_staff_is_forbidden(citizen_client: Client) -> None:
    assert citizen_client.get(LIST).status_code == 403
    item = report("Kontrast zu schwach")
    response = citizen_client.post(
        f"/backoffice/barrieren/{item.pk}/status/", {"status": "resolved"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == BarrierStatus.NEW


@pytest.mark.django_db
def test_staff_sees_open_reports_by_default(staff_client: Client) -> None:
    report("Kontrast zu schwach")
    report("Bild ohne Alternativtext", BarrierStatus.IN_PROGRESS)
    report("Längst erledigt", BarrierStatus.RESOLVED)
    html = staff_client.get(LIST).content.decode()
    assert "Kontrast zu schwach" in html
    assert "Bild ohne Alternativtext" in html
    assert "Längst erledigt" not in html
    assert "2 Meldungen" in html


@pytest.mark.django_db
def test_staff_filters_by_status(staff_client: Client) -> None:
    report("Kontrast zu schwach")
    report("Längst erledigt", BarrierStatus.RESOLVED)
    html = staff_client.get(LIST, {"status": "resolved"}).content.decode()
    assert "Längst erledigt" in html
    assert "Kontrast zu schwach" not in html


@pytest.mark.django_db
def test_staff_changes_the_status(staff_client: Client) -> None:
    item = report("Kontrast zu schwach")
    response = staff_client.post(
        f"/backoffice/barrieren/{item.pk}/status/", {"status": "in_progress"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == BarrierStatus.IN_PROGRESS


@pytest.mark.django_db
def test_unknown_status_changes_nothing(staff_client: Client) -> None:
    item = report("Kontrast zu schwach")
    staff_client.post(f"/backoffice/barrieren/{item.pk}/status/", {"status": "deleted"})
    item.refresh_from_db()
    assert item.status == BarrierStatus.NEW


@pytest.mark.django_db
def test_list_query_count_does_not_grow_with_reports(staff_client: Client) -> None:
    for index in range(3):
        report(f"Meldung {index}")
    with CaptureQueriesContext(connection) as few:
        staff_client.get(LIST)
    for index in range(20):
        report(f"Weitere Meldung {index}")
    with CaptureQueriesContext(connection) as many:
        staff_client.get(LIST)
    assert len(few) == len(many)


@pytest.mark.django_db
def test_english_backoffice(staff_client: Client) -> None:
    report("Kontrast zu schwach")
    html = staff_client.get("/en/backoffice/barrieren/").content.decode()
    assert "Barrier reports" in html
    assert "1 report" in html
