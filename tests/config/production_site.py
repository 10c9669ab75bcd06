"""The site in the production profile, in its own process: ``python -m tests.config.production_site``.

``test_production_profile`` starts this with ``DEBUG=0`` and a temporary ``STADT360_VAR_DIR``
(database, static root, media). It runs ``collectstatic`` and ``migrate`` as a deployment
does, creates one job, then requests the pages and every static file they reference over
HTTPS (the profile redirects plain HTTP) and prints ``{url: {"status", "type", "body"}}``
as JSON for the test to judge. Nothing here asserts: the test does.
"""

import json
import os
import re
import sys

import django

HOST = "stadt360.example"
STATIC = re.compile(r"""(?:src|href)="(/static/[^"?#]+)""")


def fetch(client, url: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    response = client.get(url, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    return {
        "status": response.status_code,
        "type": kind,
        "size": len(body),
        "body": body.decode("utf-8", "replace") if kind.startswith("text/html") else "",
    }


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadt360.config.settings")
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from tests.factories import JobFactory

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", interactive=False, verbosity=0)
    job = JobFactory(title="Pflegefachkraft Nachtdienst (m/w/d)", provider__name="Klinikum Test")
    client = Client(HTTP_HOST=HOST)
    pages = ["/", "/stellen/", f"/stellen/{job.pk}/", "/api/v1/docs", "/gibt-es-nicht/"]
    results = {url: fetch(client, url) for url in pages}
    assets = sorted({a for page in results.values() for a in STATIC.findall(str(page["body"]))})
    results |= {url: fetch(client, url) for url in assets}
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
