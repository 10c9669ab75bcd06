import pytest


@pytest.fixture(autouse=True)
def _fast_settings(settings, tmp_path):
    """A fast password hash for the portal world's users (the real one costs seconds)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
