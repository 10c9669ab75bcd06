import pytest

from tests.companies.world import CompanyWorld, add_people, make_company_world


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def company_world(db) -> CompanyWorld:
    world = make_company_world()
    add_people(world)
    return world
