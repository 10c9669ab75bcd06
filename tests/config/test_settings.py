"""The production profile is clean for `check --deploy`; development defaults need nothing."""

import os
import subprocess
import sys

import pytest

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#Qw9!vT2$zL4@pR8^nX1&mB6*cY3(hJ5)fD0-sG7_uE9=aW2+oI4~eN8",
    "ALLOWED_HOSTS": "stadt360.example",
    "DATABASE_URL": "",
    # shared by every process: the limits against guessing need it (accounts.checks)
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stadt360.manage", *args],
        # Browser tests in the same process allow async-unsafe calls; a deployment never does.
        env={**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_profile_passes_check_deploy() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_the_limits_are_counted_per_process() -> None:
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, "REDIS_URL": ""}
    )
    assert result.returncode != 0
    assert "stadt360.W001" in result.stdout + result.stderr


def test_production_profile_refuses_to_start_without_secret_key() -> None:
    result = manage("check", env={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_development_profile_warns_in_check_deploy() -> None:
    """The safe development defaults are not silently mistaken for production."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={"DEBUG": "1"})
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr


@pytest.mark.redis
def test_redis_cache_round_trip(settings) -> None:
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    cache.set("stadt360-test", {"rent": 812.5}, timeout=30)
    assert cache.get("stadt360-test") == {"rent": 812.5}
    cache.delete("stadt360-test")
    assert cache.get("stadt360-test") is None
    assert caches["default"] is not None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"BEHIND_PROXY": "1", "PROXY_COUNT": "2"}, "True 2 HTTP_X_FORWARDED_PROTO"),
        ({"BEHIND_PROXY": "0", "PROXY_COUNT": "2"}, "False 2 None"),
        ({}, "False 1 None"),
    ],
)
def test_proxy_settings_come_from_the_environment(env: dict[str, str], expected: str) -> None:
    """BEHIND_PROXY switches on X-Forwarded-* (accounts.throttle.client_ip reads the count)."""
    code = (
        "from django.conf import settings as s; "
        "print(s.BEHIND_PROXY, s.PROXY_COUNT, (s.SECURE_PROXY_SSL_HEADER or [None])[0])"
    )
    clean = {"BEHIND_PROXY": "", "PROXY_COUNT": "", "DEBUG": "1", **env}
    result = manage("shell", "-c", code, env=clean)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
