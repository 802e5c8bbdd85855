"""Routes each websocket to its product's consumers, under the product's prefix or on the product's own host."""

from collections.abc import Mapping, Sequence
from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern

from core.products import registry
from core.products.spec import Product
from core.realtime.consumers import CLOSE_NOT_FOUND, refuse_connection
from core.realtime.middleware import RealmTokenAuthMiddleware
from core.slashes import scope_with_merged_slashes


def product_websocket_routes() -> dict[str, list[URLPattern]]:
    """Each enabled product's `websocket_urlpatterns`, by product key (products without sockets left out)."""
    return {
        product.key: list(import_module(product.websocket_routes).websocket_urlpatterns)
        for product in registry.enabled_products().values()
        if product.websocket_routes
    }


def _host(scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"host":
            return value.decode("latin-1")
    return ""


class ProductWebsocketRouter:
    """Finds the product and consumer of a websocket, records the product on the scope, then authenticates.

    `routes` maps a product key to a flat list of `path()`/`re_path()` entries
    relative to the product's documented root (`path("ws/notifications/", ...)`);
    by default, the enabled products' own routing modules. On a host that
    PRODUCT_HOSTS maps to a product the paths are served unprefixed, as HTTP is.
    Every consumer runs behind RealmTokenAuthMiddleware; an unknown path is
    closed with 4404, before any token is looked at.
    """

    def __init__(self, routes: Mapping[str, Sequence[URLPattern]] | None = None):
        if routes is None:
            routes = product_websocket_routes()
        for key, patterns in routes.items():
            if any(getattr(pattern.callback, "_path_routing", False) for pattern in patterns):
                # Matched as endpoints here, a nested URLRouter would silently never be reached.
                raise ImproperlyConfigured(f"{key}: list consumers directly; nested URLRouters are not supported.")
        self.routes = {
            key: [(pattern, RealmTokenAuthMiddleware(pattern.callback)) for pattern in patterns]
            for key, patterns in routes.items()
        }

    async def __call__(self, scope, receive, send):
        scope = scope_with_merged_slashes(scope)  # `/ws//events/` is `/ws/events/`, as for HTTP
        product, path = self._product_and_path(scope)
        routes = self.routes.get(product.key, []) if product else []
        for pattern, app in routes:
            match = pattern.pattern.match(path)
            if match:
                remaining, args, kwargs = match
                scope = dict(
                    scope,
                    product=product,
                    path_remaining=remaining,
                    url_route={"args": args, "kwargs": {**kwargs, **pattern.default_args}},
                )
                return await app(scope, receive, send)
        return await refuse_connection(receive, send, code=CLOSE_NOT_FOUND, reason="Not found.")

    @staticmethod
    def _product_and_path(scope) -> tuple[Product | None, str]:
        """The product addressed, and the path relative to its documented root (no leading slash)."""
        path = scope["path"]
        root_path = scope.get("root_path", "")
        if root_path and path.startswith(root_path):
            path = path[len(root_path) :]
        product = registry.product_for_host(_host(scope))
        if product is None:
            product = registry.product_for_path(path)
            if product is None or not path.startswith(product.prefix):
                return None, ""
            path = path[len(product.prefix) :]
        return product, path.lstrip("/")
