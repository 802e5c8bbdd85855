"""GatherHub's declaration: prefix, realm, envelope, roles, token lifetimes, error codes.

GatherHub has no account roles in its spec (owners and participants are per
event); `user` is everyone, `admin` a platform-side moderator.
"""

from datetime import timedelta

from core.api.error_codes import SNAKE_CASE
from core.ids import IdStyle
from core.products import Product

PRODUCT = Product(
    key="gatherhub",
    name="GatherHub",
    description="Events, tasks and voting with live updates.",
    api_base="api/v1/",
    envelope="drf_timestamped",
    roles=("user", "admin"),
    default_role="user",
    admin_roles=("admin",),
    access_lifetime=timedelta(hours=1),
    refresh_lifetime=timedelta(days=7),
    login_field="username",
    error_codes=SNAKE_CASE,
    websocket_routes="gatherhub.routing",
    id_style=IdStyle.INTEGER,
)
