"""URLs between the wizard's pages; every link carries the answers in its query string."""

from django.http import QueryDict
from django.urls import reverse

from .querystring import SIMILAR_ALL, SIMILAR_KEY, Decoded, answers_only

STEPS = 4


def url_with(name: str, params: QueryDict, *, fragment: str = "", **kwargs: int) -> str:
    query = params.urlencode()
    return (
        reverse(f"public:{name}", kwargs=kwargs or None) + (f"?{query}" if query else "") + fragment
    )


def step_url(number: int, params: QueryDict, *, back_to_review: bool = False) -> str:
    answers = answers_only(params)
    if back_to_review:
        answers["return"] = "review"
    if number == 1:
        return url_with("wizard", answers)
    return url_with("wizard-step", answers, number=number)


def review_url(params: QueryDict) -> str:
    return url_with("wizard-review", answers_only(params))


def results_url(params: QueryDict, **extra: str) -> str:
    answers = answers_only(params)
    for key, value in extra.items():
        answers[key] = value
    return url_with("wizard-results", answers)


def next_url(number: int, params: QueryDict) -> str:
    """After a valid step: the next step, or the summary (also when coming from the summary)."""
    if number >= STEPS or params.get("return") == "review":
        return review_url(params)
    return step_url(number + 1, params)


def open_step_url(decoded: Decoded, params: QueryDict) -> str:
    """The first step still to do; an answered but invalid step opens with its errors shown."""
    number = decoded.first_open_step or 1
    url = step_url(number, params)
    if decoded.answered[number - 1]:
        url += ("&" if "?" in url else "?") + "nav=next"
    return url


def map_url(params: QueryDict, key: str) -> str:
    answers = answers_only(params)
    answers["bundle"] = key
    return url_with("wizard-map", answers)


def more_like_url(params: QueryDict, job: int) -> str:
    """ "Show similar": the results with this job pinned and similar suggestions not grouped,
    so the near-duplicates the grouping leaves out are listed."""
    answers = answers_only(params)
    answers["pin_job"] = str(job)
    answers.setlist(SIMILAR_KEY, [SIMILAR_ALL])
    return url_with("wizard-results", answers)
