"""Ressourcefy's declaration: prefix, realm, envelope, roles, token lifetimes, cookie transport."""

from datetime import timedelta

from core.api.error_codes import SNAKE_CASE
from core.ids import IdStyle
from core.products import CookieTransport, Product

PRODUCT = Product(
    key="ressourcefy",
    name="Ressourcefy",
    description="A resource library with versions, comments, votes and subscriptions.",
    api_base="api/",
    envelope="status_ok",
    roles=("USER", "CONTRIBUTOR", "MODERATOR", "ADMIN", "SUPERADMIN"),
    default_role="USER",
    admin_roles=("ADMIN", "SUPERADMIN"),
    access_lifetime=timedelta(minutes=15),
    refresh_lifetime=timedelta(days=7),
    requires_verification=True,
    error_codes={**SNAKE_CASE, "parse_error": "validation_error"},
    cookie_transport=CookieTransport(access_max_age=timedelta(days=7), refresh_max_age=timedelta(days=30)),
    id_style=IdStyle.UUID,
    authentication="ressourcefy.authentication.RessourcefyAuthentication",
)
