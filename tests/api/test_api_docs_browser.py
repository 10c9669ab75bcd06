"""Swagger UI really renders under the project's CSP, with nothing loaded from elsewhere.

The shared ``page`` fixture fails the test on any request that leaves the machine and on
any console error, which includes every CSP violation.
"""

import pytest


@pytest.mark.browser
def test_docs_page_renders_the_operations_without_csp_violations(page) -> None:
    page.goto("/api/v1/docs")
    page.wait_for_selector("#operations-jobs-stadt360_api_routers_jobs_list_jobs", timeout=15_000)

    assert page.locator(".opblock").count() >= 8
