"""The write API: a provider's systems upsert, withdraw and publish their offers.

``PUT /api/v1/write/{kind}/{external_id}`` creates or updates the offer the provider knows
by ``external_id`` (idempotent; the ``outcome`` says what happened), ``DELETE`` withdraws it
(archives), ``POST …/publish`` publishes it. Every call authenticates with an API token
(:mod:`stadt360.api.auth`) and goes through the write services in ``offers.services``
(validated, atomic, audited with ``via="api-token:<id>"``; they refuse publishing for an
unverified organisation, which the API's error handler turns into a 403). The token's
provider is the namespace: another provider's offers are never found (404). The
operations are generated for every kind in the offer registry.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import Path, Router, Status
from ninja.errors import HttpError

from stadt360.core.models import Offer
from stadt360.offers.registry import OfferKind, registry
from stadt360.offers.schemas import OfferIn
from stadt360.offers.services import publish_offer, upsert_offer, withdraw_offer
from stadt360.providers.models import ApiToken

from ..auth import RateLimited, TokenAuth, count_write, require_scope
from ..errors import NotFoundOut, ValidationErrorOut
from ..schemas.write import MessageOut, WriteOut

router = Router(tags=["write"], auth=TokenAuth())

EXTERNAL_ID = Path(
    ...,
    min_length=1,
    max_length=120,
    pattern=r"^[^\x00-\x1f/]+$",
    description="Your own id of the offer (unique per organisation and kind).",
    examples=["PF-2026-17"],
)
ERRORS: dict[int, Any] = {401: MessageOut, 403: MessageOut, 429: MessageOut}


def token_of(request: HttpRequest) -> ApiToken:
    return request.auth  # type: ignore[attr-defined]


def guarded(spec: OfferKind, request: HttpRequest, write: Callable[[ApiToken], Any]) -> Any:
    """Scope (403), then the token's rate limit (429 with Retry-After), then the write."""
    token = token_of(request)
    require_scope(token, spec.scope)
    try:
        count_write(token)
    except RateLimited as limited:
        response = JsonResponse({"detail": _("Too many requests. Try again later.")}, status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    return write(token)


def via(token: ApiToken) -> str:
    return f"api-token:{token.pk}"


def own_offer(spec: OfferKind, token: ApiToken, external_id: str) -> Offer:
    offer = spec.model.objects.filter(provider=token.provider, external_id=external_id).first()
    if offer is None:
        raise HttpError(404, _("Not found."))
    return offer


def service_data(spec: OfferKind, body: OfferIn) -> dict[str, Any]:
    return spec.prepare_write(body.model_dump(exclude_unset=True))


def answer(spec: OfferKind, offer: Offer, outcome: str) -> dict[str, Any]:
    return {
        "id": offer.pk,
        "kind": spec.path,
        "external_id": offer.external_id,
        "status": offer.status,
        "outcome": outcome,
    }


def add_operations(spec: OfferKind) -> None:
    body_type = spec.write_schema

    def put_offer(request: HttpRequest, external_id: str = EXTERNAL_ID, body: body_type = ...):  # type: ignore[valid-type]
        def write(token: ApiToken) -> Any:
            offer, outcome = upsert_offer(
                kind=spec,
                provider=token.provider,
                external_id=external_id,
                data=service_data(spec, body),
                via=via(token),
            )
            return Status(201 if outcome == "created" else 200, answer(spec, offer, outcome))

        return guarded(spec, request, write)

    def delete_offer(request: HttpRequest, external_id: str = EXTERNAL_ID) -> Any:
        def write(token: ApiToken) -> Any:
            withdraw_offer(offer=own_offer(spec, token, external_id), via=via(token))
            return HttpResponse(status=204)

        return guarded(spec, request, write)

    def publish(request: HttpRequest, external_id: str = EXTERNAL_ID) -> Any:
        def write(token: ApiToken) -> Any:
            offer = own_offer(spec, token, external_id)
            before = offer.status
            publish_offer(offer=offer, via=via(token))
            return answer(spec, offer, "unchanged" if before == offer.status else "updated")

        return guarded(spec, request, write)

    path = f"/{spec.path}/{{external_id}}"
    router.put(
        path,
        response={200: WriteOut, 201: WriteOut, 422: ValidationErrorOut, **ERRORS},
        operation_id=f"write_{spec.path}_put",
        summary=f"Create or update a {spec.api_label} by your id",
        description=(
            f"Idempotent upsert of your {spec.api_label} `external_id`: 201 `created`, "
            "200 `updated` or 200 `unchanged` (nothing written, nothing audited). New offers "
            "are drafts; omitted fields keep their value. Needs the scope "
            f"`{spec.scope}`."
        ),
    )(put_offer)
    router.delete(
        path,
        response={204: None, 404: NotFoundOut, **ERRORS},
        operation_id=f"write_{spec.path}_delete",
        summary=f"Withdraw a {spec.api_label}",
        description="Archives the offer (no longer shown). Unknown ids are 404.",
    )(delete_offer)
    router.post(
        f"{path}/publish",
        response={200: WriteOut, 404: NotFoundOut, 422: ValidationErrorOut, **ERRORS},
        operation_id=f"write_{spec.path}_publish",
        summary=f"Publish a {spec.api_label}",
        description="Only organisations the city has verified may publish (else 403).",
    )(publish)


for _spec in registry:
    add_operations(_spec)
