"""POST /api/v1/bundles/search: the 360° bundle search."""

from django.http import HttpRequest
from ninja import Router

from stadt360.bundles.schemas import BundleQuery, BundleSearchResult
from stadt360.bundles.services import search_bundles

from ..errors import ValidationErrorOut

router = Router(tags=["bundles"])


@router.post(
    "/search",
    response={200: BundleSearchResult, 422: ValidationErrorOut},
    url_name="bundle-search",
    summary="Rank jobs, flats and care places together for a household",
)
def search(request: HttpRequest, query: BundleQuery) -> BundleSearchResult:
    """The exact top bundles (one job, one flat, one care place per child) with minutes per
    leg of the daily trip, the monthly money balance and reasons in the request's language.
    When fewer bundles than asked for fit, ``eliminated`` says which wish removed how many
    offers and ``relaxations`` lists single changes verified to yield bundles."""
    return search_bundles(query)
