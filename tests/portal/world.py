"""People and organisations for portal and back-office tests: one per role.

``make_world()`` builds organisation A (verified) with an admin, an editor and one offer
of each kind, organisation B with its own admin ("member of another provider"), a
resident, a city moderator and a city admin. Staff get a TOTP authenticator through
allauth's API, as the MFA gate requires.
"""

from dataclasses import dataclass, field
from typing import Any

from stadt360.accounts.roles import Role
from stadt360.core.choices import OfferStatus
from stadt360.providers.models import Invitation, MemberRole, Membership, Provider
from tests.factories import (
    PASSWORD,
    FlatFactory,
    JobFactory,
    KitaFactory,
    ProviderFactory,
    SchoolFactory,
    add_member,
    add_totp,
    make_user,
)

# PASSWORD, add_member, add_totp and make_user live in tests/factories.py; importing them
# from here still works.
__all__ = [
    "PASSWORD",
    "ROLES",
    "World",
    "add_member",
    "add_totp",
    "make_user",
    "make_world",
    "png_upload",
]
ROLES = ("anonymous", "resident", "editor", "admin", "other_member", "moderator", "city_admin")


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
