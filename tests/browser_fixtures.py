"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page a test opens is watched: a request to any host other than the live server's
(127.0.0.1/localhost) is blocked and fails the test, so "no third-party requests" is
proven on every page, not asserted once. Console errors (a CSP violation shows up as
one) and uncaught script errors fail the test too. ``axe_check`` runs axe-core with the
WCAG 2.2 AA and EN 301 549 rule sets and prints each violation readably.
"""

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    expect,
    sync_playwright,
)

# CI machines are shared and often loaded: give web-first assertions time to settle (they
# still pass as soon as the condition holds).
expect.set_options(timeout=15_000)

# Playwright's sync API runs an event loop in this thread; Django's ORM must still work.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("STADT360_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "EN-301-549"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session; skipped (or failed in CI) when it is not installed."""
    if not shutil.which(CHROMIUM):
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("STADT360_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{reason} – required because STADT360_REQUIRE_SERVICES=1")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def live_server(django_db_setup: None, live_server):  # type: ignore[no-untyped-def]
    """pytest-django's live server, started only after the test database exists.

    Started earlier, it cannot see that SQLite's test database is in memory, so it does
    not share the connection: every request thread then opens its own connection that
    is never closed (ResourceWarning, an error in this suite) and sees no test data.
    """
    return live_server


class PageWatch:
    """What a page did that a test must not allow: foreign requests and browser errors."""

    def __init__(self) -> None:
        self.foreign_requests: list[str] = []
        self.errors: list[str] = []

    def route(self, route: Route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
            return
        self.foreign_requests.append(route.request.url)
        route.abort()

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def page_error(self, error: Exception) -> None:
        self.errors.append(f"script error: {error}")


def new_context(
    browser: Browser, base_url: str, **options: object
) -> tuple[BrowserContext, PageWatch]:
    """A fresh context (no cookies) whose requests and errors are recorded."""
    context = browser.new_context(base_url=base_url, **options)
    watch = PageWatch()
    context.route("**/*", watch.route)
    context.on("console", watch.console)
    context.on("weberror", lambda web_error: watch.page_error(web_error.error))
    return context, watch


def assert_clean(watch: PageWatch) -> None:
    if watch.foreign_requests:
        pytest.fail(f"requests left the local server: {watch.foreign_requests}")
    if watch.errors:
        pytest.fail("browser reported errors:\n" + "\n".join(watch.errors))


@pytest.fixture
def open_page(browser: Browser, live_server) -> Iterator:
    """Factory for pages with other viewports (320 px, zoom); each is checked like ``page``."""
    opened: list[tuple[BrowserContext, PageWatch]] = []

    def open_(**options: object) -> Page:
        context, watch = new_context(browser, live_server.url, **options)
        opened.append((context, watch))
        return context.new_page()

    yield open_
    for context, watch in opened:
        context.close()
        assert_clean(watch)


@pytest.fixture
def page(open_page) -> Page:
    """A desktop-sized page on the live server (relative URLs work: ``page.goto("/")``)."""
    return open_page(viewport={"width": 1280, "height": 900})


def run_axe(page: Page) -> None:
    """Run axe-core on the page and fail with a readable list of every violation.

    Waits for the page's load event first: after a click that navigates, axe could
    otherwise judge a page whose stylesheets are not applied yet (seen on a loaded machine:
    the main navigation's links measured without their CSS, 17 px high)."""
    page.wait_for_load_state("load")
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(
                f"- [{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
            )
            lines.extend(
                f"    {' '.join(node['target'])}: {node['failureSummary']}"
                for node in violation["nodes"][:5]
            )
        pytest.fail("\n".join(lines))


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot to ``test-artifacts/screenshots/`` (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-zA-Z0-9_.-]+', '-', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def axe_check() -> Callable[[Page], None]:
    """``axe_check(page)``: fail the test on any WCAG 2.2 AA / EN 301 549 violation."""
    return run_axe


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """``screenshot(page, name)``: keep a picture of the page for people to look at."""
    return save_screenshot
