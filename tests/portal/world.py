"""People and organisations for portal and back-office tests: one per role.

``make_world()`` builds organisation A (verified) with an admin, an editor and one offer
of each kind, organisation B with its own admin ("member of another provider"), a
resident, a city moderator and a city admin. Staff get a TOTP authenticator through
allauth's API, as the MFA gate requires.
"""

from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model

from stadt360.accounts.roles import Role, group
from stadt360.core.choices import OfferStatus
from stadt360.providers.models import Invitation, MemberRole, Membership, Provider
from tests.factories import FlatFactory, JobFactory, KitaFactory, ProviderFactory, SchoolFactory

PASSWORD = "Gera-test-passwort-2026!"
ROLES = ("anonymous", "resident", "editor", "admin", "other_member", "moderator", "city_admin")


def make_user(email: str, *, role: Role | None = None, mfa: bool = False) -> Any:
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if role is not None:
        user.groups.add(group(role))
    if mfa:
        add_totp(user)
    return user


def add_totp(user: Any) -> str:
    """Activates a TOTP authenticator for ``user`` and returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def add_member(user: Any, provider: Provider, role: str) -> Membership:
    membership = Membership.objects.create(user=user, provider=provider, role=role)
    mirror = Role.PROVIDER_ADMIN if role == MemberRole.ADMIN else Role.PROVIDER_EDITOR
    user.groups.add(group(mirror))
    return membership


@dataclass
class World:
    provider: Provider
    other_provider: Provider
    users: dict[str, Any]
    offers: dict[str, Any] = field(default_factory=dict)
    editor_membership: Membership | None = None
    invitation: Invitation | None = None


def make_world() -> World:
    provider = ProviderFactory(name="Stadtwerke Gera Test", verified=True)
    other = ProviderFactory(name="Wohnen Ost Test", verified=True)
    users = {
        "resident": make_user("resident@example.org", role=Role.RESIDENT),
        "editor": make_user("editor@a.example", mfa=True),
        "admin": make_user("admin@a.example", mfa=True),
        "other_member": make_user("admin@b.example", mfa=True),
        "moderator": make_user("moderator@gera.example", role=Role.CITY_MODERATOR, mfa=True),
        "city_admin": make_user("cityadmin@gera.example", role=Role.CITY_ADMIN, mfa=True),
    }
    world = World(provider=provider, other_provider=other, users=users)
    world.editor_membership = add_member(users["editor"], provider, MemberRole.EDITOR)
    add_member(users["admin"], provider, MemberRole.ADMIN)
    add_member(users["other_member"], other, MemberRole.ADMIN)
    draft = {"provider": provider, "status": OfferStatus.DRAFT}
    world.offers = {
        "job": JobFactory(**draft),
        "flat": FlatFactory(**draft),
        "kita": KitaFactory(**draft),
        "school": SchoolFactory(**draft),
    }
    world.invitation = Invitation.objects.create(
        provider=provider, email="neu@a.example", role=MemberRole.EDITOR, invited_by=users["admin"]
    )
    return world


def png_upload(name: str = "bild.png", size: tuple[int, int] = (40, 30)) -> Any:
    """A real PNG as an uploaded file."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
