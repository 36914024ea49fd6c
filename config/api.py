"""The JSON API, version 1: one NinjaAPI with a router per domain app."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from accounts.api import router as accounts_router
from coordination.api import router as coordination_router
from core.api import READ_AUTH, install_error_handlers
from organisations.api import router as organisations_router
from programmes.api import router as programmes_router
from workplan.api import router as workplan_router

api = NinjaAPI(
    title="Spotlight Coordination Hub API",
    version="1",
    description=str(
        _(
            "Programmes, organisations, areas, pillars, government priorities and the joint workplan. "
            "Authenticate with "
            "your browser session or a personal API token (Authorization: Bearer <token>). Lists are "
            "paginated with limit and offset. Errors share one shape: "
            '{"error": {"status", "code", "message", "fields"}}.'
        )
    ),
    urls_namespace="api",
    auth=READ_AUTH,
    # Swagger UI, served from our own static files, styles itself inline.
    docs_decorator=csp_update({"style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:"]}),
)
install_error_handlers(api)
api.add_router("/", programmes_router)
api.add_router("/organisations", organisations_router)
api.add_router("/me", accounts_router)
api.add_router("/activities", workplan_router)
api.add_router("/", coordination_router)
