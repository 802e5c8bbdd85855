"""A-List Home Pros' declaration: prefix, realm, envelope, roles, token lifetimes."""

from datetime import timedelta

from core.api.error_codes import SNAKE_CASE
from core.ids import IdStyle
from core.products import Product

PRODUCT = Product(
    key="alistpros",
    name="A-List Home Pros",
    description="Home-services marketplace: clients book vetted pros, paid through Stripe Connect.",
    api_base="api/",
    envelope="drf_status_code",
    roles=("client", "contractor", "crew", "specialist", "admin"),
    default_role="client",
    admin_roles=("admin",),
    access_lifetime=timedelta(days=1),
    refresh_lifetime=timedelta(days=7),
    error_codes=SNAKE_CASE,
    websocket_routes="alistpros.routing",
    id_style=IdStyle.INTEGER,
)
