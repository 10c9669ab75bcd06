"""Offers through the portal: create, edit, publish, scoping, sanitising, Kita formsets."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from stadt360.childcare.models import Kita
from stadt360.core.choices import OfferStatus
from stadt360.core.models import AuditEntry
from stadt360.jobs.models import Job

HOSTILE = (
    '<p onclick="steal()">Gute <strong>Arbeit</strong></p><script>alert(1)</script>'
    '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">klick</a>'
    '<a href="https://gera.de/">Gera</a><iframe src="https://evil.example"></iframe>'
)


def job_form(**overrides):
    data = {
        "title": "Elektroniker (m/w/d)",
        "employment_type": "full_time",
        "weekly_hours": "40",
        "description": "<p>Wir bauen Netze.</p>",
        "requirements": "",
        "salary_min": "3000",
        "salary_max": "3600",
        "shift_start": "07:00",
        "shift_end": "15:30",
        "start_date": "",
        "remote_share": "0",
        "street": "De-Smit-Straße 18",
        "postcode": "07545",
        "city": "Gera",
        "valid_until": "",
    }
    return {**data, **overrides}


def test_editor_creates_a_draft_job_and_the_audit_entry_lists_its_fields(world, client_for):
    client = client_for("editor")
    response = client.post(reverse("portal:offer-create", args=["job"]), job_form())
    job = Job.objects.get(title="Elektroniker (m/w/d)")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:offer-preview", args=["job", job.pk])
    assert job.provider == world.provider
    assert job.status == OfferStatus.DRAFT
    entry = AuditEntry.objects.get(action="job.created", object_id=str(job.pk))
    assert entry.actor == world.users["editor"]
    assert entry.provider == world.provider
    assert entry.changes["title"] == [None, "Elektroniker (m/w/d)"]
    assert entry.changes["salary_min"] == [None, 3000]


def test_edit_records_only_the_changed_fields(world, client_for):
    job = world.offers["job"]
    client = client_for("editor")
    form = job_form(title="Neuer Titel", description=job.description)
    client.post(reverse("portal:offer-edit", args=["job", job.pk]), form)
    entry = AuditEntry.objects.filter(action="job.updated", object_id=str(job.pk)).get()
    assert entry.changes["title"] == ["Pflegefachkraft (m/w/d)", "Neuer Titel"]
    assert "provider_id" not in entry.changes


def test_hostile_html_is_sanitised_before_it_is_stored(world, client_for):
    client = client_for("editor")
    client.post(reverse("portal:offer-create", args=["job"]), job_form(description=HOSTILE))
    stored = Job.objects.get(title="Elektroniker (m/w/d)").description
    for bad in ("<script", "onclick", "onerror", "javascript:", "<img", "<iframe", "alert(1)"):
        assert bad not in stored
    assert "<strong>Arbeit</strong>" in stored
    assert 'href="https://gera.de/"' in stored
    assert 'rel="noopener noreferrer"' in stored


def test_required_fields_are_marked_and_errors_stand_next_to_their_field(world, client_for):
    client = client_for("editor")
    page = client.get(reverse("portal:offer-create", args=["job"])).content.decode()
    assert (
        "All fields are required unless marked" in page or "Alle Felder sind Pflichtfelder" in page
    )
    response = client.post(
        reverse("portal:offer-create", args=["job"]), job_form(title="", postcode="99999")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_error"' in html
    assert 'id="id_postcode_error"' in html
    assert 'aria-invalid="true"' in html


def test_another_provider_can_neither_see_nor_change_the_offer(world, client_for):
    client = client_for("other_member")
    job = world.offers["job"]
    assert client.get(reverse("portal:offer-preview", args=["job", job.pk])).status_code == 404
    edit = client.post(
        reverse("portal:offer-edit", args=["job", job.pk]), job_form(title="Gekapert")
    )
    publish = client.post(reverse("portal:offer-publish", args=["job", job.pk]))
    assert (edit.status_code, publish.status_code) == (404, 404)
    job.refresh_from_db()
    assert (job.title, job.status) == ("Pflegefachkraft (m/w/d)", OfferStatus.DRAFT)
    listing = client.get(reverse("portal:offer-list", args=["job"])).content.decode()
    assert "Pflegefachkraft" not in listing


def test_unverified_provider_drafts_but_cannot_publish(world, client_for):
    world.provider.verified = False
    world.provider.save()
    client = client_for("admin")
    job = world.offers["job"]
    preview = client.get(reverse("portal:offer-preview", args=["job", job.pk])).content.decode()
    assert 'id="publish-blocked"' in preview
    assert client.post(reverse("portal:offer-publish", args=["job", job.pk])).status_code == 403
    job.refresh_from_db()
    assert job.status == OfferStatus.DRAFT


def test_an_unverified_provider_is_not_asked_to_publish_its_new_draft(world, client_for):
    world.provider.verified = False
    world.provider.save()
    client = client_for("editor")
    response = client.post(reverse("portal:offer-create", args=["job"]), job_form(), follow=True)
    html = response.content.decode()
    assert "noch nicht geprüft" in html  # the city has not verified the organisation yet
    assert "veröffentlichen Sie ihn dann" not in html


def test_publish_archive_and_duplicate(world, client_for):
    client = client_for("editor")
    job = world.offers["job"]
    client.post(reverse("portal:offer-publish", args=["job", job.pk]))
    job.refresh_from_db()
    assert job.status == OfferStatus.PUBLISHED
    response = client.post(reverse("portal:offer-duplicate", args=["job", job.pk]))
    copy = Job.objects.exclude(pk=job.pk).get(provider=world.provider)
    assert response["Location"] == reverse("portal:offer-preview", args=["job", copy.pk])
    assert copy.status == OfferStatus.DRAFT
    client.post(reverse("portal:offer-archive", args=["job", job.pk]))
    job.refresh_from_db()
    assert job.status == OfferStatus.ARCHIVED


def kita_form(**overrides):
    data = {
        "name": "Kita Sonnenschein",
        "capacity": "80",
        "age_from_months": "0",
        "age_to_months": "78",
        "concept": "open",
        "monthly_fee": "",
        "description": "",
        "street": "Sorge 1",
        "postcode": "07545",
        "city": "Gera",
        "valid_until": "",
        "hours-TOTAL_FORMS": "7",
        "hours-INITIAL_FORMS": "7",
        "places-TOTAL_FORMS": "2",
        "places-INITIAL_FORMS": "0",
    }
    for day in range(7):
        data[f"hours-{day}-weekday"] = str(day)
        data[f"hours-{day}-opens"] = "06:30" if day < 5 else ""
        data[f"hours-{day}-closes"] = "16:30" if day < 5 else ""
    data.update(
        {
            "places-0-min_age_months": "12",
            "places-0-max_age_months": "36",
            "places-0-available_from": "2026-08-01",
            "places-0-count": "3",
        }
    )
    return {**data, **overrides}


def test_kita_with_opening_hours_and_free_places(world, client_for):
    client = client_for("editor")
    response = client.post(reverse("portal:offer-create", args=["kita"]), kita_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    kita = Kita.objects.get(name="Kita Sonnenschein")
    assert [h.weekday for h in kita.opening_hours.all()] == [0, 1, 2, 3, 4]
    assert kita.opening_hours.first().opens == datetime.time(6, 30)
    place = kita.free_places.get()
    assert (place.min_age_months, place.max_age_months, place.count) == (12, 36, 3)


def test_kita_opening_hours_errors_stay_with_their_day(world, client_for):
    client = client_for("editor")
    response = client.post(
        reverse("portal:offer-create", args=["kita"]),
        kita_form(**{"hours-0-opens": "17:00", "hours-1-closes": ""}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_hours-0-closes_error"' in html
    assert not Kita.objects.filter(name="Kita Sonnenschein").exists()


def test_dashboard_shows_expiring_offers_drafts_and_failed_imports(world, client_for):
    from stadt360.imports.models import ImportRun, RunStatus

    job = world.offers["job"]
    job.status, job.valid_until = (
        OfferStatus.PUBLISHED,
        timezone.localdate() + datetime.timedelta(days=5),
    )
    job.save()
    ImportRun.objects.create(
        provider=world.provider,
        status=RunStatus.FAILED,
        file_name="stellen.json",
        message="Datei unlesbar",
    )
    ImportRun.objects.create(
        provider=world.other_provider, status=RunStatus.FAILED, file_name="fremd.xml"
    )
    html = client_for("editor").get(reverse("portal:dashboard")).content.decode()
    assert reverse("portal:offer-edit", args=["job", job.pk]) in html
    assert world.offers["flat"].title in html
    assert "stellen.json" in html
    assert "fremd.xml" not in html


@pytest.mark.parametrize("kind", ["job", "flat", "kita", "school"])
def test_forms_render_for_every_kind(world, client_for, kind):
    client = client_for("editor")
    assert client.get(reverse("portal:offer-create", args=[kind])).status_code == 200
    offer = world.offers[kind]
    assert client.get(reverse("portal:offer-edit", args=[kind, offer.pk])).status_code == 200


def test_unverified_provider_editing_a_public_offer_keeps_it_a_draft(world, client_for):
    """Verification withdrawn: the next edit takes the offer off the public pages (the service's rule)."""
    job = world.offers["job"]
    type(job).objects.filter(pk=job.pk).update(status=OfferStatus.PUBLISHED)
    world.provider.verified = False
    world.provider.save()
    client = client_for("editor")
    form = job_form(title="Neuer Titel", description=job.description)
    response = client.post(reverse("portal:offer-edit", args=["job", job.pk]), form, follow=True)
    job.refresh_from_db()
    assert (job.title, job.status) == ("Neuer Titel", OfferStatus.DRAFT)
    assert "noch nicht geprüft" in response.content.decode()
    entry = AuditEntry.objects.get(action="job.updated", object_id=str(job.pk))
    assert entry.changes["status"] == [OfferStatus.PUBLISHED, OfferStatus.DRAFT]
