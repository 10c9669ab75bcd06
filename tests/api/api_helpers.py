"""Assertions and small builders shared by the read-API tests."""

import datetime
from typing import Any

from stadt360.childcare.models import FreePlace, Kita


def add_free_place(
    kita: Kita, *, ages: tuple[int, int], since: datetime.date, count: int = 1
) -> None:
    FreePlace.objects.create(
        kita=kita, min_age_months=ages[0], max_age_months=ages[1], available_from=since, count=count
    )


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def error_fields(response: Any) -> set[str]:
    """The query parameters a 422 names; asserts the error contract's shape on the way."""
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert detail
    for item in detail:
        assert set(item) >= {"loc", "msg", "type"}
        assert item["msg"]
    return {item["loc"][-1] for item in detail}
