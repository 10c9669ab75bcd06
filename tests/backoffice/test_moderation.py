"""The city's moderation queue, audit log and role assignment."""

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from stadt360.core.models import AuditEntry
from stadt360.providers.models import MemberRole, Provider
from tests.factories import ProviderFactory, add_member, make_user


def registered_provider() -> Provider:
    provider = ProviderFactory(name="Neuer Träger gGmbH", verified=False)
    add_member(make_user("chefin@traeger.example"), provider, MemberRole.ADMIN)
    return provider


def test_queue_lists_registered_unverified_providers(world, client_for):
    provider = registered_provider()
    ProviderFactory(name="Importiert ohne Mitglieder", verified=False)
    html = client_for("moderator").get(reverse("moderation:provider-queue")).content.decode()
    assert provider.name in html
    assert "Importiert ohne Mitglieder" not in html
    assert world.provider.name not in html


def test_moderator_verifies_and_the_admin_is_told(
    world, client_for, django_capture_on_commit_callbacks
):
    provider = registered_provider()
    client = client_for("moderator")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:provider-review", args=[provider.pk]),
            {"decision": "approve", "note": "Handelsregister geprüft."},
        )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.verified
    assert not provider.rejected
    assert provider.reviewed_by == world.users["moderator"]
    assert mail.outbox[0].to == ["chefin@traeger.example"]
    assert "Handelsregister geprüft." in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="provider.verified")
    assert entry.changes["verified"] == [False, True]
    assert provider not in Provider.objects.awaiting_review()


def test_reject_needs_a_note(world, client_for, django_capture_on_commit_callbacks):
    provider = registered_provider()
    client = client_for("moderator")
    response = client.post(
        reverse("moderation:provider-review", args=[provider.pk]),
        {"decision": "reject", "note": ""},
    )
    assert response.status_code == 200
    assert 'id="id_note_error"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("moderation:provider-review", args=[provider.pk]),
            {"decision": "reject", "note": "Bitte Nachweis der Trägerschaft senden."},
        )
    provider.refresh_from_db()
    assert provider.rejected
    assert not provider.verified
    assert len(mail.outbox) == 1


def test_city_admin_makes_someone_a_moderator(world, client_for):
    resident = world.users["resident"]
    client_for("city_admin").post(
        reverse("moderation:user-role", args=[resident.pk]), {"role": "city-moderator"}
    )
    assert resident.groups.filter(name="city-moderator").exists()
    entry = AuditEntry.objects.get(action="user.city_role_changed")
    assert entry.changes == {"city_roles": [[], ["city-moderator"]]}


def test_city_audit_log_shows_every_organisation(world, client_for):
    AuditEntry.objects.create(
        provider=world.other_provider,
        content_type=ContentType.objects.get_for_model(AuditEntry),
        object_id="1",
        object_repr="Wohnung Ost",
        action="flat.updated",
    )
    html = client_for("moderator").get(reverse("moderation:audit-log")).content.decode()
    assert "Wohnung Ost" in html
