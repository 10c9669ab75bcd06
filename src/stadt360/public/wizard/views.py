"""HTTP <-> wizard: each view reads the query string, calls a lookup, renders or redirects."""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from stadt360.bundles.schemas import BundleSearchResult

from . import lookups, presentation
from .forms import CHILD_KEY, STEP_FORMS, STEP_MARKERS, HouseholdForm
from .navigation import (
    STEPS,
    map_url,
    more_like_url,
    next_url,
    open_step_url,
    results_url,
    review_url,
    step_url,
)
from .querystring import (
    SIMILAR_KEY,
    Decoded,
    answers_only,
    decode,
    encode,
    groups_similar,
    relaxed,
)

STEP_TITLES = (
    _("Your household"),
    _("Your job wish"),
    _("Your flat wish"),
    _("Getting around and priorities"),
)
MAX_COMPARE = 3
# Suggestions compare searches in the plain ranking for one the grouping left out.
MAX_PLAIN = 50


@require_GET
def step(request: HttpRequest, number: int = 1) -> HttpResponse:
    if not 1 <= number <= STEPS:
        raise Http404
    params = request.GET
    if redirect_to := _row_action(params, number) or _navigation(params, number):
        return redirect(redirect_to)
    form = bind_step(number, params) if "nav" in params else initial_step(number, params)
    return render(request, "public/wizard/step.html", step_context(number, form, params))


def _row_action(params: QueryDict, number: int) -> str | None:
    """ "Add a child" / "remove child n": no JavaScript, just another GET with the rows changed."""
    if number != 1 or not ({"add_child", "remove_child"} & params.keys()):
        return None
    rows = params.getlist(CHILD_KEY)
    answers = answers_only(params)
    if "add_child" in params:
        answers.setlist(CHILD_KEY, [*rows, ""])
        anchor = f"#id_child_{len(rows)}"
    else:
        drop = params.get("remove_child", "")
        answers.setlist(CHILD_KEY, [row for i, row in enumerate(rows) if str(i) != drop])
        anchor = "#children"
    if back := params.get("return"):
        answers["return"] = back
    return step_url(1, answers) + anchor


def _navigation(params: QueryDict, number: int) -> str | None:
    nav = params.get("nav")
    if nav == "back":
        return step_url(number - 1, params) if number > 1 else None
    if nav in {"next", "review"} and bind_step(number, params).is_valid():
        return next_url(number, params)
    return None


def bind_step(number: int, params: QueryDict) -> forms.Form:
    return STEP_FORMS[number - 1](params)


def initial_step(number: int, params: QueryDict) -> forms.Form:
    """The step's form showing the answers from the URL (or defaults), without error messages."""
    form_class = STEP_FORMS[number - 1]
    answered = STEP_MARKERS[number - 1] in params
    initial: dict[str, str | list[str] | bool] = {}
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.MultipleChoiceField):
            if answered:
                initial[name] = params.getlist(name)
        elif isinstance(field, forms.BooleanField):
            initial[name] = bool(params.get(name))
        elif (value := params.get(name)) is not None:
            initial[name] = value
    if number == 1:
        return HouseholdForm(child_rows=params.getlist(CHILD_KEY), initial=initial)
    if number == 3 and not answered:
        initial["min_rooms"] = presentation.rooms_input(_suggested_rooms(params))
    return form_class(initial=initial)


def _suggested_rooms(params: QueryDict) -> float:
    household = bind_step(1, params)
    if not household.is_valid():
        return 1.0
    return lookups.suggested_rooms(household.cleaned_data["adults"], len(params.getlist(CHILD_KEY)))


def step_context(number: int, form: forms.Form, params: QueryDict) -> dict[str, object]:
    own = set(form.fields) | ({CHILD_KEY} if number == 1 else set())
    answers = answers_only(params)
    carried = [(key, value) for key in answers for value in answers.getlist(key) if key not in own]
    if back := params.get("return"):
        carried.append(("return", back))
    return {
        "number": number,
        "steps": STEPS,
        "title": STEP_TITLES[number - 1],
        "form": form,
        "carried": carried,
        "back_to_review": params.get("return") == "review",
        "live_count": _live_count(number, params),
    }


def _live_count(number: int, params: QueryDict) -> dict[str, object] | None:
    if number == 2:
        return {"kind": "jobs", "count": lookups.count_jobs(params)}
    if number == 3:
        return {"kind": "flats", "count": lookups.count_flats(params)}
    return None


@require_GET
def live_count(request: HttpRequest, number: int) -> HttpResponse:
    context = _live_count(number, request.GET)
    if context is None:
        raise Http404
    return render(
        request,
        "public/wizard/partials/live_count.html#count",
        {"live_count": context, "number": number},
    )


@require_GET
def validate_field(request: HttpRequest, number: int) -> HttpResponse:
    """htmx: one field re-rendered with its own error (if any) after it changed."""
    if not 1 <= number <= STEPS:
        raise Http404
    form = bind_step(number, request.GET)
    name = request.GET.get("field", "")
    if name not in form.fields:
        raise Http404
    form.is_valid()
    template = (
        "public/wizard/partials/child_row.html"
        if name.startswith(CHILD_KEY)
        else ("public/wizard/partials/field.html")
    )
    return render(request, template, {"field": form[name], "number": number, "index": name[6:]})


@require_GET
def review(request: HttpRequest) -> HttpResponse:
    decoded = decode(request.GET)
    # ``decode`` sets the query exactly when no step is open; the second test narrows its type.
    if decoded.first_open_step is not None or decoded.query is None:
        return redirect(open_step_url(decoded, request.GET))
    return render(
        request,
        "public/wizard/review.html",
        {
            "decoded": decoded,
            "query": decoded.query,
            "change_urls": [
                step_url(n, request.GET, back_to_review=True) for n in range(1, STEPS + 1)
            ],
            "results_url": results_url(request.GET),
            "back_url": step_url(STEPS, request.GET),
            **presentation.review_labels(decoded.query),
        },
    )


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    # The content is the same for everyone with these answers (no user data, no nonce): it is
    # rendered once per key; the frame around it (nonces, language switch) on every request.
    # Only complete answers are rendered and cached, so a hit needs no decoding either.
    template = "public/wizard/partials/results_body.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#results-update"
    key = lookups.page_key(template, request.GET.urlencode())
    body = cache.get(key)
    if body is None:
        decoded = decode(request.GET)
        if decoded.first_open_step is not None:
            return redirect(open_step_url(decoded, request.GET))
        body = render_to_string(template, results_context(decoded, request.GET), request)
        cache.set(key, body, lookups.PAGE_SECONDS)
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(body)
    return render(request, "public/wizard/results.html", {"body": mark_safe(body)})


def results_context(decoded: Decoded, params: QueryDict) -> dict[str, object]:
    assert decoded.query is not None
    result = lookups.search(decoded.query, decoded.pins)
    sort = params.get("sort", "overall")
    if sort not in presentation.SORTS:
        sort = "overall"
    relaxations = [
        (relaxation, results_url(encode(relaxed(decoded.query, relaxation.patch), decoded.pins)))
        for relaxation in result.relaxations
    ]
    return {
        "query": decoded.query,
        "result": result,
        "cards": presentation.cards(
            result,
            sort,
            map_url=lambda key: map_url(params, key),
            more_url=lambda bundle: more_like_url(params, bundle.job.id),
        ),
        "sort": sort,
        "sorts": [
            (key, label, results_url(params, sort=key)) for key, label in presentation.SORTS.items()
        ],
        "priorities": _priorities_form(params),
        "carried": _carried_without(params, {*STEP_FORMS[3].base_fields, SIMILAR_KEY}),
        "groups_similar": groups_similar(params),
        "answer_pairs": _carried_without(params, set()),
        "relaxations": relaxations,
        "eliminated": [presentation.elimination_line(item) for item in result.eliminated],
        "plan": lookups.plan(decoded.query),
        "demo_data": result.is_demo,
        "review_url": review_url(params),
        "results_base": results_url(QueryDict()),
    }


def _priorities_form(params: QueryDict) -> forms.Form:
    return initial_step(4, params)


def _carried_without(params: QueryDict, own: set[str]) -> list[tuple[str, str]]:
    answers = answers_only(params)
    return [(key, value) for key in answers for value in answers.getlist(key) if key not in own]


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    decoded = decode(request.GET)
    if decoded.query is None:
        return redirect(open_step_url(decoded, request.GET))
    wanted = request.GET.getlist("bundle")
    result = lookups.search(decoded.query, decoded.pins)
    chosen = _chosen(result, wanted)
    if len(chosen) < min(len(set(wanted)), MAX_COMPARE) and decoded.query.variety is not None:
        # A suggestion the grouping leaves out (e.g. from a link): the plain ranking has it.
        plain = decoded.query.model_copy(update={"variety": None, "limit": MAX_PLAIN})
        result = lookups.search(plain, decoded.pins)
        chosen = _chosen(result, wanted)
    return render(
        request,
        "public/wizard/compare.html",
        {
            "chosen": chosen,
            "rows": presentation.compare_rows(chosen) if len(chosen) >= 2 else [],
            "too_few": len(chosen) < 2,
            "back_url": results_url(request.GET),
            "demo_data": result.is_demo,
        },
    )


def _chosen(result: BundleSearchResult, wanted: list[str]) -> list[presentation.Card]:
    return [card for card in presentation.cards(result) if card.key in wanted][:MAX_COMPARE]


@require_GET
def bundle_map(request: HttpRequest) -> HttpResponse:
    decoded = decode(request.GET)
    if decoded.query is None:
        return redirect(open_step_url(decoded, request.GET))
    result = lookups.search(decoded.query, decoded.pins)
    key = request.GET.get("bundle", "")
    card = next((card for card in presentation.cards(result) if card.key == key), None)
    if card is None:
        raise Http404
    stops = presentation.stops(card.bundle)
    return render(
        request,
        "public/wizard/map.html",
        {
            "card": card,
            "stops": stops,
            "map_data": presentation.map_data(stops),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "back_url": results_url(request.GET),
            "demo_data": result.is_demo,
        },
    )
