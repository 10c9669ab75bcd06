"""Registration, invitations, members and their audit trail."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from stadt360.core.models import AuditEntry
from stadt360.providers.models import Invitation, MemberRole, Membership, Provider
from tests.accounts.sessions import sign_in_with_second_factor
from tests.portal.world import make_user


def test_registration_makes_an_unverified_provider_with_its_admin(world, client_for):
    client = client_for("resident")
    data = {
        "name": "Kita-Verbund Ost e. V.",
        "kind": "childcare",
        "street": "Sorge 5",
        "postcode": "07545",
        "city": "Gera",
        "email": "info@kita-ost.example",
        "phone": "",
        "website": "",
    }
    response = client.post(reverse("portal:provider-register"), data)
    assert response.status_code == 302
    provider = Provider.objects.get(name="Kita-Verbund Ost e. V.")
    assert not provider.verified
    assert provider.street == "Sorge 5"
    assert Membership.objects.get(provider=provider).role == MemberRole.ADMIN
    assert provider in Provider.objects.awaiting_review()
    assert AuditEntry.objects.filter(provider=provider, action="provider.created").exists()
    # Now a provider admin: the portal first asks for a second factor.
    assert client.get(reverse("portal:dashboard"))["Location"] == reverse("mfa_index")
    sign_in_with_second_factor(client, world.users["resident"])
    dashboard = client.get(reverse("portal:dashboard"))
    assert 'id="unverified-notice"' in dashboard.content.decode()


def test_invitation_flow_from_e_mail_to_membership(
    world, client_for, client, django_capture_on_commit_callbacks
):
    admin = client_for("admin")
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            reverse("portal:member-invite"), {"email": "Kollegin@Example.org", "role": "editor"}
        )
    invitation = Invitation.objects.get(email="kollegin@example.org")
    assert len(mail.outbox) == 1
    link = reverse("portal:invitation-accept", args=[invitation.token])
    assert link in mail.outbox[0].body
    newcomer = make_user("kollegin@example.org")
    client.force_login(newcomer)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response["Location"] == reverse("portal:dashboard")
    membership = Membership.objects.get(user=newcomer)
    assert (membership.provider, membership.role) == (world.provider, MemberRole.EDITOR)
    assert newcomer.groups.filter(name="provider-editor").exists()
    actions = set(
        AuditEntry.objects.filter(provider=world.provider).values_list("action", flat=True)
    )
    assert {"invitation.sent", "invitation.accepted", "membership.added"} <= actions
    sign_in_with_second_factor(client, newcomer)  # now a member: the portal needs a second factor
    assert client.post(link).status_code == 400  # used once


def test_invitation_cannot_be_used_by_another_address(world, client):
    client.force_login(world.users["resident"])
    response = client.post(reverse("portal:invitation-accept", args=[world.invitation.token]))
    assert response.status_code == 400
    assert not Membership.objects.filter(user=world.users["resident"]).exists()


def test_expired_invitation_is_refused(world, client):
    world.invitation.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    world.invitation.save()
    client.force_login(make_user("neu@a.example"))
    response = client.post(reverse("portal:invitation-accept", args=[world.invitation.token]))
    assert response.status_code == 400
    assert not Membership.objects.filter(user__email="neu@a.example").exists()


def test_admin_removes_a_member_but_not_the_last_admin(world, client_for):
    client = client_for("admin")
    client.post(reverse("portal:member-remove", args=[world.editor_membership.pk]))
    assert not Membership.objects.filter(pk=world.editor_membership.pk).exists()
    entry = AuditEntry.objects.get(action="membership.removed")
    assert entry.changes["user"] == ["editor@a.example", None]
    own = Membership.objects.get(user=world.users["admin"])
    client.post(reverse("portal:member-remove", args=[own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()


def test_admin_makes_an_editor_admin_then_may_step_down_but_the_last_admin_stays(world, client_for):
    client = client_for("admin")
    page = client.get(reverse("portal:member-list")).content.decode()
    assert reverse("portal:member-role", args=[world.editor_membership.pk]) in page
    client.post(reverse("portal:member-role", args=[world.editor_membership.pk]), {"role": "admin"})
    world.editor_membership.refresh_from_db()
    assert world.editor_membership.role == MemberRole.ADMIN
    entry = AuditEntry.objects.get(action="membership.role_changed")
    assert entry.changes["role"] == ["editor", "admin"]
    assert world.users["editor"].groups.filter(name="provider-admin").exists()
    own = Membership.objects.get(user=world.users["admin"])
    client.post(reverse("portal:member-role", args=[own.pk]), {"role": "editor"})
    own.refresh_from_db()
    assert own.role == MemberRole.EDITOR  # another admin exists now
    new_admin = client_for("editor")  # the former editor, now the only admin
    response = new_admin.post(
        reverse("portal:member-role", args=[world.editor_membership.pk]),
        {"role": "editor"},
        follow=True,
    )
    assert "braucht mindestens eine Administratorin" in response.content.decode()
    world.editor_membership.refresh_from_db()
    assert world.editor_membership.role == MemberRole.ADMIN


def test_an_unknown_role_changes_nothing(world, client_for):
    client_for("admin").post(
        reverse("portal:member-role", args=[world.editor_membership.pk]), {"role": "owner"}
    )
    world.editor_membership.refresh_from_db()
    assert world.editor_membership.role == MemberRole.EDITOR


@pytest.mark.parametrize("role", ["admin", "editor"])
def test_audit_log_page_is_paginated_for_admins_only(world, client_for, role):
    for number in range(60):
        AuditEntry.objects.create(
            provider=world.provider,
            content_type=ContentType.objects.get_for_model(AuditEntry),
            object_id=str(number),
            object_repr=f"Eintrag {number}",
            action="job.updated",
        )
    response = client_for(role).get(reverse("portal:audit-log"), {"page": 2})
    if role == "editor":
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 10
