"""Every portal and back-office view × every role → the expected status, from one table.

"ok" is 200 for a page and a redirect (not to the login) for a POST action; "login" is
a redirect to the login page, "admin-login" to the admin's (which hands over to allauth).
A member of another provider gets 404 on A's objects (the scoped queryset does not find
them) but 200 on their own organisation's pages. Staff sign in with the second factor
(``client_for``); without it every one of these URLs is closed
(``tests/accounts/test_mfa_gate_url_walk.py``). "django_staff" is a city admin with
Django's ``is_staff`` and the view permission on jobs: the admin and the barrier reports.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Permission
from django.urls import resolve, reverse
from django.utils import timezone

from stadt360.accounts.roles import Role
from stadt360.imports.models import ImportRun
from stadt360.imports.services import start_import
from stadt360.portal.services import add_offer_image
from stadt360.providers.tokens import create_token
from stadt360.public.models import BarrierReport
from tests.portal.world import ROLES, World, make_user, make_world, png_upload

OK, LOGIN, ADMIN_LOGIN, FORBIDDEN, NOT_FOUND = "ok", "login", "admin-login", 403, 404
MATRIX_ROLES = (*ROLES, "django_staff")


@pytest.fixture
def world(db) -> World:
    """The portal's world plus a member of the city's Django staff."""
    world = make_world()
    staff = make_user("staff@gera.example", role=Role.CITY_ADMIN, mfa=True)
    staff.is_staff = True
    staff.save()
    staff.user_permissions.add(Permission.objects.get(codename="view_job"))
    world.users["django_staff"] = staff
    return world


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict[str, object]
    data: Callable[[World], dict] = lambda world: {}


def portal(member_status: object = OK, *, editor: object = None, other: object = None) -> dict:
    """Portal expectations: members see it; resident and city staff are not members (403)."""
    editor = member_status if editor is None else editor
    other = member_status if other is None else other
    return {
        "anonymous": LOGIN,
        "resident": FORBIDDEN,
        "editor": editor,
        "admin": member_status,
        "other_member": other,
        "moderator": FORBIDDEN,
        "city_admin": FORBIDDEN,
        "django_staff": FORBIDDEN,
    }


def city(*, moderator: object = OK) -> dict:
    return {
        "anonymous": LOGIN,
        "resident": FORBIDDEN,
        "editor": FORBIDDEN,
        "admin": FORBIDDEN,
        "other_member": FORBIDDEN,
        "moderator": moderator,
        "city_admin": OK,
        "django_staff": OK,
    }


def signed_in(status: object = OK) -> dict:
    return {role: (LOGIN if role == "anonymous" else status) for role in MATRIX_ROLES}


def django_admin(staff: object = OK) -> dict:
    """The Django admin: only ``is_staff``; everyone else is sent to the admin's login."""
    return {role: (staff if role == "django_staff" else ADMIN_LOGIN) for role in MATRIX_ROLES}


def barrier_reports() -> dict:
    """Back office of barrier reports: ``is_staff``; other signed-in people get 403."""
    return {
        role: {"anonymous": ADMIN_LOGIN, "django_staff": OK}.get(role, FORBIDDEN)
        for role in MATRIX_ROLES
    }


def barrier_report_url(world: World) -> str:
    report = BarrierReport.objects.create(
        page_url="https://gera360.de/suche/",
        description="Kontrast",
        language="de",
        consented_at=timezone.now(),
    )
    return reverse("backoffice:barrier-report-status", args=[report.pk])


def offer_url(name: str, kind: str) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[kind, world.offers[kind].pk])


def image_url(world: World) -> str:
    image = add_offer_image(
        offer=world.offers["job"], upload=png_upload(), alt_text="Büro", by=None
    )
    return reverse("portal:image-delete", args=[image.pk])


KINDS = ("job", "flat", "kita", "school")
CASES: list[Case] = [
    Case("dashboard", "get", lambda w: reverse("portal:dashboard"), portal()),
    Case(
        "provider-switch",
        "post",
        lambda w: reverse("portal:provider-switch"),
        portal(),
        data=lambda w: {"provider": w.provider.pk},
    ),
    Case("provider-register", "get", lambda w: reverse("portal:provider-register"), signed_in()),
    Case(
        "provider-edit", "get", lambda w: reverse("portal:provider-edit"), portal(editor=FORBIDDEN)
    ),
    Case("member-list", "get", lambda w: reverse("portal:member-list"), portal(editor=FORBIDDEN)),
    Case(
        "member-invite",
        "post",
        lambda w: reverse("portal:member-invite"),
        portal(editor=FORBIDDEN),
        data=lambda w: {"email": "kollegin@example.org", "role": "editor"},
    ),
    Case(
        "member-remove",
        "post",
        lambda w: reverse("portal:member-remove", args=[w.editor_membership.pk]),
        portal(editor=FORBIDDEN, other=NOT_FOUND),
    ),
    Case(
        "member-role",
        "post",
        lambda w: reverse("portal:member-role", args=[w.editor_membership.pk]),
        portal(editor=FORBIDDEN, other=NOT_FOUND),
        data=lambda w: {"role": "admin"},
    ),
    Case(
        "invitation-revoke",
        "post",
        lambda w: reverse("portal:invitation-revoke", args=[w.invitation.pk]),
        portal(editor=FORBIDDEN, other=NOT_FOUND),
    ),
    Case(
        "invitation-accept",
        "get",
        lambda w: reverse("portal:invitation-accept", args=[w.invitation.token]),
        signed_in(),
    ),
    Case("audit-log", "get", lambda w: reverse("portal:audit-log"), portal(editor=FORBIDDEN)),
    Case("image-delete", "post", image_url, portal(other=NOT_FOUND)),
    Case("import-list", "get", lambda w: reverse("portal:import-list"), portal()),
    Case("import-upload", "get", lambda w: reverse("portal:import-upload"), portal()),
    *(
        Case(
            name,
            "get",
            lambda w, name=name: reverse(
                f"portal:{name}",
                args=[ImportRun.objects.create(provider=w.provider, file_name="a.xml").pk],
            ),
            portal(other=NOT_FOUND),
        )
        for name in ("import-detail", "import-progress")
    ),
    Case(
        "import-file",
        "get",
        lambda w: reverse(
            "portal:import-file",
            args=[start_import(provider=w.provider, content=b"<x/>", file_name="a.xml").pk],
        ),
        # the uploaded file: its members and city staff; anyone else learns nothing (404)
        {**portal(other=NOT_FOUND), "anonymous": NOT_FOUND, "resident": NOT_FOUND}
        | {"moderator": OK, "city_admin": OK, "django_staff": OK},
    ),
    Case("token-list", "get", lambda w: reverse("portal:token-list"), portal(editor=FORBIDDEN)),
    Case("token-create", "get", lambda w: reverse("portal:token-create"), portal(editor=FORBIDDEN)),
    Case(
        "token-revoke",
        "post",
        lambda w: reverse(
            "portal:token-revoke",
            args=[create_token(provider=w.provider, name="ERP", scopes=["jobs:write"])[0].pk],
        ),
        portal(editor=FORBIDDEN, other=NOT_FOUND),
    ),
    *(
        Case(
            f"offer-list-{k}",
            "get",
            lambda w, k=k: reverse("portal:offer-list", args=[k]),
            portal(),
        )
        for k in KINDS
    ),
    *(
        Case(
            f"offer-create-{k}",
            "get",
            lambda w, k=k: reverse("portal:offer-create", args=[k]),
            portal(),
        )
        for k in KINDS
    ),
    *(
        Case(f"{action}-{k}", method, offer_url(f"portal:{action}", k), portal(other=NOT_FOUND))
        for k in KINDS
        for action, method in (
            ("offer-preview", "get"),
            ("offer-edit", "get"),
            ("offer-publish", "post"),
            ("offer-archive", "post"),
            ("offer-duplicate", "post"),
            ("image-add", "get"),
        )
    ),
    Case("moderation-queue", "get", lambda w: reverse("moderation:provider-queue"), city()),
    Case(
        "moderation-review",
        "get",
        lambda w: reverse("moderation:provider-review", args=[w.provider.pk]),
        city(),
    ),
    Case(
        "moderation-decide",
        "post",
        lambda w: reverse("moderation:provider-review", args=[w.other_provider.pk]),
        city(),
        data=lambda w: {"decision": "approve", "note": ""},
    ),
    Case("moderation-companies", "get", lambda w: reverse("moderation:company-queue"), city()),
    Case(
        "moderation-company-verify",
        "post",
        lambda w: reverse("moderation:company-verify", args=[company_of(w.other_provider).pk]),
        city(),
    ),
    Case("moderation-audit", "get", lambda w: reverse("moderation:audit-log"), city()),
    Case(
        "moderation-users",
        "get",
        lambda w: reverse("moderation:user-list"),
        city(moderator=FORBIDDEN),
    ),
    Case(
        "moderation-user-role",
        "post",
        lambda w: reverse("moderation:user-role", args=[w.users["resident"].pk]),
        city(moderator=FORBIDDEN),
        data=lambda w: {"role": "city-moderator"},
    ),
    Case(
        "barrier-reports",
        "get",
        lambda w: reverse("backoffice:barrier-report-list"),
        barrier_reports(),
    ),
    Case(
        "barrier-report-status",
        "post",
        barrier_report_url,
        barrier_reports(),
        data=lambda w: {"status": "resolved"},
    ),
    Case("admin-index", "get", lambda w: reverse("admin:index"), django_admin()),
    Case("admin-jobs", "get", lambda w: reverse("admin:jobs_job_changelist"), django_admin()),
    Case(
        "admin-job",
        "get",
        lambda w: reverse("admin:jobs_job_change", args=[w.offers["job"].pk]),
        django_admin(),
    ),
    Case(
        "admin-groups",
        "get",
        lambda w: reverse("admin:auth_group_changelist"),
        django_admin(staff=FORBIDDEN),
    ),
]


def company_of(provider):
    """The company profile of ``provider`` (created on first use, like a registration would)."""
    from stadt360.companies.models import Company
    from stadt360.companies.services import create_company

    existing = Company.objects.filter(provider=provider).first()
    return existing or create_company(
        provider=provider,
        data={"description": "Testprofil", "wz_code": "25.62", "size_class": "small"},
        by=None,
    )


MATRIX = [
    pytest.param(case, role, id=f"{case.name}-{role}") for case in CASES for role in MATRIX_ROLES
]


@pytest.mark.parametrize(("case", "role"), MATRIX)
def test_permission_matrix(case: Case, role: str, world, client_for):
    client = client_for(role)
    url = case.url(world)
    response = getattr(client, case.method)(url, case.data(world))
    response.close()  # a file download is streamed: release the file
    expected = case.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    elif expected == OK and case.method == "post":
        assert response.status_code == 302, response.content[:500]
        assert not response["Location"].startswith((reverse("account_login"), reverse("mfa_index")))
    elif expected == OK:
        assert response.status_code == 200
    else:
        assert response.status_code == expected


def test_every_portal_and_back_office_url_is_in_the_matrix(world):
    from stadt360.backoffice import moderation_urls
    from stadt360.backoffice import urls as backoffice_urls
    from stadt360.portal import urls

    routes = {f"portal:{p.name}" for p in urls.urlpatterns}
    routes |= {f"moderation:{p.name}" for p in moderation_urls.urlpatterns}
    routes |= {f"backoffice:{p.name}" for p in backoffice_urls.urlpatterns}
    covered = {resolve(case.url(world)).view_name for case in CASES}
    assert routes - covered == set()


def test_the_admin_login_hands_over_to_allauth(world, client_for):
    """Signed out → allauth's login (password, then the code); signed in, not staff → 403."""
    login = reverse("admin:login") + "?next=/admin/"
    response = client_for("anonymous").get(login)
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
    assert client_for("city_admin").get(login).status_code == 403
    assert client_for("django_staff").get(login)["Location"] == "/admin/"
