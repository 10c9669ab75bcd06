import pytest
from django.core.cache import cache

from tests.portal.world import World, make_world


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth keeps rate limits and used TOTP codes in the cache; tests must not share them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    """Uploads into a temporary folder; a fast password hash (the real one costs seconds)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def client_for(client, world):
    """``client_for("editor")``: the test client signed in as that role (anonymous: not).

    Staff sign in with password and second factor, as the MFA gate requires.
    """
    from tests.accounts.sessions import sign_in_with_second_factor

    def sign_in(role: str):
        user = world.users.get(role)
        if user is not None and role != "resident":
            sign_in_with_second_factor(client, user)
        elif user is not None:
            client.force_login(user)
        return client

    return sign_in
