"""The one declaration each product package makes about itself (its `product.py`)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from core.ids import IdStyle


@dataclass(frozen=True)
class CookieTransport:
    """HttpOnly cookies that carry the JWTs alongside the Bearer header."""

    access_cookie: str = "access_token"
    refresh_cookie: str = "refresh_token"
    access_max_age: timedelta = timedelta(days=7)
    refresh_max_age: timedelta = timedelta(days=30)
    samesite: str = "Lax"


@dataclass(frozen=True)
class Product:
    """A product mounted on the platform: its prefix, realm, envelope style, roles and token lifetimes.

    `key` is at once the package name, the URL prefix and the account realm.
    `urls` names the module holding the product's documented, unprefixed paths.
    `id_style` is how its document writes ids: accounts appear and are accepted in it.
    `authentication` is the dotted path of the DRF authentication its views use by default
    (core.accounts.authentication.ProductAuthentication dispatches to it); None keeps the realm JWT.
    """

    key: str
    name: str
    api_base: str
    envelope: str
    roles: tuple[str, ...]
    default_role: str
    admin_roles: tuple[str, ...] = ()
    access_lifetime: timedelta = timedelta(hours=1)
    refresh_lifetime: timedelta = timedelta(days=7)
    login_field: str = "email"
    requires_verification: bool = False
    error_codes: Mapping[str, str] = field(default_factory=dict)
    cookie_transport: CookieTransport | None = None
    websocket_routes: str | None = None
    id_style: IdStyle = IdStyle.INTEGER
    description: str = ""
    authentication: str | None = None

    @property
    def prefix(self) -> str:
        return f"/{self.key}/"

    @property
    def urls(self) -> str:
        return f"{self.key}.urls"

    @property
    def api_root(self) -> str:
        """The prefixed path of the documented API base, e.g. `/townspark/api/v1/`."""
        return f"{self.prefix}{self.api_base}"

    def error_code(self, code: str) -> str:
        """The product's error code for a DRF error code; unknown codes pass through."""
        return self.error_codes.get(code, code)
