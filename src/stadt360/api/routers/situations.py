"""Life situations: the catalogue and a plan tailored to one household.

Mounted by api/main.py at /api/v1/situations. Texts follow the request's
language (Accept-Language via LocaleMiddleware; modeltranslation reads the
active language).
"""

from collections.abc import Iterable

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import ValidationError

from stadt360.situations.models import CHILD_ANCHORS, Anchor, Situation
from stadt360.situations.selectors import (
    needs_for,
    plan_for,
    published_situations,
    situation_with_catalogue,
)

from ..errors import NotFoundOut, ValidationErrorOut
from ..schemas.situations import (
    ChildOut,
    PlannedNeedOut,
    PlannedStepOut,
    PlanOut,
    PlanQuery,
    SituationDetail,
    SituationListItem,
)

router = Router(tags=["situations"])


@router.get(
    "",
    response=list[SituationListItem],
    url_name="situation-list",
    summary="Published life situations",
)
def list_situations(request: HttpRequest) -> list[SituationListItem]:
    return [SituationListItem.of(situation) for situation in published_situations()]


def _published(slug: str) -> Situation:
    situation = situation_with_catalogue(slug=slug)
    if situation is None:
        raise Http404(slug)
    return situation


@router.get(
    "/{slug}",
    response={200: SituationDetail, 404: NotFoundOut},
    url_name="situation-detail",
    summary="One life situation with its needs and steps",
)
def get_situation(request: HttpRequest, slug: str) -> SituationDetail:
    return SituationDetail.of(_published(slug))


@router.get(
    "/{slug}/plan",
    response={200: PlanOut, 404: NotFoundOut, 422: ValidationErrorOut},
    url_name="situation-plan",
    summary="The needs and steps for one household, with due dates and order",
)
def get_plan(request: HttpRequest, slug: str, query: Query[PlanQuery]) -> PlanOut:
    """Steps come prerequisites first; each says what it waits for and when it is due.

    Example: ``?adults=2&children=2025-06-01&children=2022-03-15&move_in=2027-01-01``.
    """
    situation = _published(slug)
    anchors = query.anchors()
    _reject_unknown_anchors(anchors.keys())
    household = query.household()
    return PlanOut(
        situation=SituationListItem.of(situation),
        reference_date=household.reference_date,
        children=[ChildOut.of(child) for child in household.kids],
        needs=[
            PlannedNeedOut.of(need) for need in needs_for(situation=situation, household=household)
        ],
        steps=[
            PlannedStepOut.of(planned)
            for planned in plan_for(situation=situation, household=household, anchors=anchors)
        ],
    )


def _reject_unknown_anchors(keys: Iterable[str]) -> None:
    """A mistyped anchor would silently drop due dates: say so instead."""
    given = set(keys)
    known = set(Anchor.objects.filter(key__in=given).values_list("key", flat=True)) - CHILD_ANCHORS
    if unknown := sorted(given - known):
        raise ValidationError(
            [
                {
                    "loc": ["query", "anchor"],
                    "msg": _("Unknown anchor: %(key)s") % {"key": key},
                    "type": "value_error",
                }
                for key in unknown
            ]
        )
