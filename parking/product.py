"""Parking in a Pinch's declaration: prefix, realm, envelope, roles, token lifetimes, error codes.

ADMIN is the operator role behind the spec's admin-only endpoints; the spec's
user types are SEEKER, HOST and BOTH.
"""

from datetime import timedelta

from core.api.error_codes import UPPER_CASE
from core.ids import IdStyle
from core.products import Product

PRODUCT = Product(
    key="parking",
    name="Parking in a Pinch",
    description="Parking-spot listings, bookings, payments and host chat.",
    api_base="api/v1/",
    envelope="status_message",
    roles=("SEEKER", "HOST", "BOTH", "ADMIN"),
    default_role="SEEKER",
    admin_roles=("ADMIN",),
    access_lifetime=timedelta(minutes=30),
    refresh_lifetime=timedelta(days=7),
    error_codes={**UPPER_CASE, "not_authenticated": "AUTHENTICATION_REQUIRED", "parse_error": "VALIDATION_ERROR"},
    websocket_routes="parking.routing",
    id_style=IdStyle.INTEGER,
)
