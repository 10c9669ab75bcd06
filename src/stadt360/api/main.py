"""The API: one NinjaAPI with a router per registered offer kind (built from the registry).

The docs page at /api/v1/docs is Swagger UI from ninja's own static files (``"ninja"`` is
in INSTALLED_APPS): no CDN, no inline script, so it runs under the project's CSP.
"""

from ninja import NinjaAPI, Swagger

from .errors import register_error_handlers
from .routers import bundles, events, search, situations, write
from .routers.offers import add_offer_routers

api = NinjaAPI(
    title="Stadt360 API",
    version="1.0.0",
    description=(
        "Offers, life situations, 360° bundles and the innovation centre's events for Gera."
    ),
    urls_namespace="api",
    # validatorUrl null: Swagger UI would otherwise send our schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
register_error_handlers(api)

add_offer_routers(api)
api.add_router("/situations", situations.router)
api.add_router("/bundles", bundles.router)
api.add_router("/search", search.router)
api.add_router("/events", events.router)
api.add_router("/write", write.router)
