"""The editorial page tree as ``make run`` seeds it, and people with the centre roles."""

from typing import Any

import pytest

from stadt360.accounts.roles import Role
from stadt360.demo.site import seed_site
from stadt360.site.models import NewsIndexPage
from tests.factories import make_user


@pytest.fixture
def site_tree(db: None) -> dict[str, Any]:
    """German and English pages with the demo news; returns the news indexes."""
    seed_site()
    return {
        language: NewsIndexPage.objects.get(locale__language_code=language)
        for language in ("de", "en")
    }


@pytest.fixture
def centre_editor(db: None) -> Any:
    return make_user("redaktion@tgz.example", role=Role.CENTRE_EDITOR, mfa=True)


@pytest.fixture
def centre_admin(db: None) -> Any:
    return make_user("leitung@tgz.example", role=Role.CENTRE_ADMIN, mfa=True)
