"""The wizard's results page (a plain GET) answers a household of eight children within a
2 GB memory cap and a wall-clock limit (issue 8, item 1). Runs in a subprocess with its
own database: see ``tests/bundles/capped.py``."""

from tests.bundles.capped import run_capped


def test_results_page_answers_eight_children_under_a_memory_cap() -> None:
    page = run_capped("wizard", children=8)
    assert page["status"] == 200
    assert page["bundles"] == 6  # similar suggestions grouped: each of the six flats once
    # the sentence that better suggestions may exist: six-stop care combinations are priced
    # with the natural orders only (see tests/bundles/test_bounded_search.py)
    assert page["limit_note"] is True
