"""The production profile serves the site from a clean tree: collectstatic, then real pages.

One subprocess (``tests/config/production_site.py``) runs with ``DEBUG=0`` and the
production environment, a temporary static root and database, as a deployment does.
Before this test a vendored script's missing source map stopped ``collectstatic`` and,
without a manifest, every page that names a static file answered 500.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.config.test_settings import PRODUCTION

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    var = tmp_path_factory.mktemp("production")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        **PRODUCTION,
        "STADT360_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'site.sqlite3'}",
        "REDIS_URL": "",
        "TASK_BACKEND": "database",
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.config.production_site"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (var / "staticfiles" / "staticfiles.json").is_file()
    return json.loads(result.stdout)


def page(site: dict[str, dict], url: str) -> str:
    answer = site[url]
    assert answer["status"] == 200, (url, answer["status"], answer["body"][:2000])
    assert answer["type"].startswith("text/html")
    return answer["body"]


def test_start_page_is_served(site: dict[str, dict]) -> None:
    body = page(site, "/")
    assert '<html lang="de"' in body
    assert "/static/public/css/site." in body  # a hashed name from the manifest


def test_job_list_shows_the_job(site: dict[str, dict]) -> None:
    assert "Pflegefachkraft Nachtdienst (m/w/d)" in page(site, "/stellen/")


def test_job_detail_shows_the_job_and_its_employer(site: dict[str, dict]) -> None:
    detail = next(url for url in site if url.startswith("/stellen/") and url[9:-1].isdigit())
    body = page(site, detail)
    assert "Pflegefachkraft Nachtdienst (m/w/d)" in body
    assert "Klinikum Test" in body


def test_api_docs_are_served_with_self_hosted_swagger(site: dict[str, dict]) -> None:
    body = page(site, "/api/v1/docs")
    assert "swagger-ui" in body
    assert "/static/ninja/swagger-ui" in body


def test_an_unknown_address_gets_the_404_page_not_a_server_error(site: dict[str, dict]) -> None:
    answer = site["/gibt-es-nicht/"]
    assert answer["status"] == 404
    assert "<html" in answer["body"]


def test_every_static_file_the_pages_name_is_served_compressed_and_hashed(
    site: dict[str, dict],
) -> None:
    assets = {url: answer for url, answer in site.items() if url.startswith("/static/")}
    assert any("/vendor/leaflet/leaflet." in url for url in assets)
    for url, answer in assets.items():
        assert answer["status"] == 200, url
        assert answer["size"] > 0, url
        # ManifestStaticFilesStorage names carry a content hash: name.<12 hex>.ext
        assert url.rsplit("/", 1)[-1].count(".") >= 2, url
