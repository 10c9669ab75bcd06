"""Deleting an account leaves no trace of its user name in the audit log.

Found by the hostile review of issue 8: allauth derives the user name from the e-mail
address ("anna.muster" for anna.muster@…); audit entries about a membership are named
after it ("anna.muster – Org (editor)"), and the deletion scrubbed only e-mail addresses,
so the name stayed in the log for ever (also of memberships removed long before).
"""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from stadt360.accounts.services import delete_account
from stadt360.core.models import AuditEntry
from stadt360.providers.membership import (
    accept_invitation,
    change_member_role,
    invite_member,
    remove_member,
)
from stadt360.providers.models import MemberRole, Membership
from tests.factories import ProviderFactory
from tests.portal.world import add_member, make_user

pytestmark = pytest.mark.django_db


def _signed_up(email: str, username: str):
    """A person as allauth's sign-up leaves them: the user name taken from the address."""
    user = get_user_model().objects.create_user(username=username, email=email, password="x")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _join(provider, user, admin) -> Membership:
    invitation = invite_member(
        provider=provider, email=user.email, role=MemberRole.EDITOR, by=admin, link=str
    )
    return accept_invitation(invitation=invitation, by=user)


def _mentioning(name: str) -> list[str]:
    """Actions of the entries that name ``name`` as a whole word (not a longer name)."""
    whole = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w.])")
    return [
        entry.action
        for entry in AuditEntry.objects.order_by("pk")
        if whole.search(entry.object_repr) or whole.search(json.dumps(entry.changes))
    ]


def test_deletion_removes_the_user_name_from_audit_entries_of_memberships(
    django_capture_on_commit_callbacks,
):
    admin = make_user("chefin@privacy.example")
    provider = ProviderFactory(name="Beispiel GmbH", verified=True)
    add_member(admin, provider, MemberRole.ADMIN)
    anna = _signed_up("anna.muster@privacy.example", "anna.muster")
    # another member whose user name begins like Anna's keeps it
    other = _signed_up("anna.musterfrau@privacy.example", "anna.musterfrau")
    with django_capture_on_commit_callbacks(execute=False):
        earlier = _join(provider, anna, admin)
        remove_member(membership=earlier, by=admin)
        current = _join(provider, anna, admin)
        change_member_role(membership=current, role=MemberRole.ADMIN, by=admin)
        change_member_role(membership=_join(provider, other, admin), role="admin", by=admin)
    assert len(_mentioning("anna.muster")) >= 4  # the name is in the log before

    delete_account(user=anna, by=anna)

    assert _mentioning("anna.muster") == []
    assert _mentioning("anna.musterfrau") == [
        "invitation.sent",
        "invitation.accepted",
        "membership.added",
        "membership.role_changed",
    ]
