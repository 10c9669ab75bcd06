"""Swagger UI really renders under the project's CSP, with nothing loaded from elsewhere."""

import os
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.browser
def test_docs_page_renders_the_operations_without_csp_violations(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sync_api = pytest.importorskip("playwright.sync_api")
    own_host = urlsplit(live_server.url).netloc
    problems: list[str] = []
    hosts: set[str] = set()

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("STADT360_CHROMIUM", "/usr/bin/chromium"),
            args=CHROMIUM_ARGS,
        )
        page = browser.new_page()
        page.on(
            "console", lambda message: message.type == "error" and problems.append(message.text)
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
        page.goto(f"{live_server.url}/api/v1/docs")
        page.wait_for_selector(
            "#operations-jobs-stadt360_api_routers_jobs_list_jobs", timeout=15_000
        )
        operations = page.locator(".opblock").count()
        browser.close()

    assert operations >= 8
    assert hosts - {own_host, ""} == set()
    assert [problem for problem in problems if "Content Security Policy" in problem] == []
