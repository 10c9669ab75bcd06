"""The read API: one NinjaAPI with a router per offer kind.

The docs page at /api/v1/docs is Swagger UI from ninja's own static files (``"ninja"`` is
in INSTALLED_APPS): no CDN, no inline script, so it runs under the project's CSP.
"""

from ninja import NinjaAPI, Swagger

from .errors import register_error_handlers
from .routers import bundles, flats, jobs, kitas, schools, search, situations, write

api = NinjaAPI(
    title="Stadt360 API",
    version="1.0.0",
    description="Offers, life situations and 360° bundles for Gera.",
    urls_namespace="api",
    # validatorUrl null: Swagger UI would otherwise send our schema to validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
)
register_error_handlers(api)

api.add_router("/jobs", jobs.router)
api.add_router("/flats", flats.router)
api.add_router("/kitas", kitas.router)
api.add_router("/schools", schools.router)
api.add_router("/situations", situations.router)
api.add_router("/bundles", bundles.router)
api.add_router("/search", search.router)
api.add_router("/write", write.router)
