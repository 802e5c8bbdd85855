"""TownSpark's declaration: prefix, realm, envelope, roles, token lifetimes, error codes."""

from datetime import timedelta

from core.api.error_codes import UPPER_CASE
from core.ids import IdStyle
from core.products import Product

ERROR_CODES = {
    **UPPER_CASE,
    "not_authenticated": "AUTHENTICATION_REQUIRED",
    "authentication_failed": "INVALID_TOKEN",
    "parse_error": "VALIDATION_ERROR",
    "conflict": "DUPLICATE_ENTRY",
    "throttled": "RATE_LIMIT_EXCEEDED",
}

PRODUCT = Product(
    key="townspark",
    name="TownSpark",
    description="Civic issue reporting: citizens report, resolvers fix, admins oversee.",
    api_base="api/v1/",
    envelope="success_meta",
    roles=("citizen", "resolver", "admin"),
    default_role="citizen",
    admin_roles=("admin",),
    access_lifetime=timedelta(hours=1),
    refresh_lifetime=timedelta(days=7),
    error_codes=ERROR_CODES,
    websocket_routes="townspark.routing",
    id_style=IdStyle.UUID,
)
