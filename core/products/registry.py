"""The registry of enabled products, and the product a request belongs to (by URL prefix or host)."""

import dataclasses
import functools
import re
import types
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.urls import clear_url_caches

from core.ids import IdStyle
from core.products.spec import Product

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNITS = {"": "seconds", "s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: str) -> timedelta:
    """`90`, `90s`, `15m`, `1h`, `7d` -> timedelta."""
    match = _DURATION.match(str(text))
    if not match:
        raise ImproperlyConfigured(f"Bad duration {text!r}: use a number with s, m, h or d.")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def _with_lifetime_overrides(product: Product) -> Product:
    overrides = {}
    for kind in ("access", "refresh"):
        value = settings.JWT_LIFETIMES.get(f"{product.key}.{kind}")
        if value:
            overrides[f"{kind}_lifetime"] = parse_duration(value)
    return dataclasses.replace(product, **overrides) if overrides else product


@functools.cache
def enabled_products() -> dict[str, Product]:
    """Enabled products by key, in the order of `ENABLED_PRODUCTS`."""
    products = {}
    for key in settings.ENABLED_PRODUCTS:
        if key not in settings.ALL_PRODUCTS:
            raise ImproperlyConfigured(f"ENABLED_PRODUCTS names unknown product {key!r}.")
        product = import_module(f"{key}.product").PRODUCT
        products[key] = _with_lifetime_overrides(product)
    return products


def get_product(key: str) -> Product | None:
    return enabled_products().get(key)


def id_style_of(realm: str) -> IdStyle:
    """How the product of `realm` writes ids; platform operators and unknown realms use integers."""
    product = enabled_products().get(realm)
    return product.id_style if product is not None else IdStyle.INTEGER


@functools.cache
def _hosts() -> dict[str, Product]:
    hosts = {}
    for host, key in settings.PRODUCT_HOSTS.items():
        product = get_product(key)
        if product is None:
            raise ImproperlyConfigured(f"PRODUCT_HOSTS maps {host!r} to a product that is not enabled: {key!r}.")
        hosts[host.lower()] = product
    return hosts


def product_for_host(host: str) -> Product | None:
    return _hosts().get(host.split(":")[0].lower()) if host else None


def product_for_path(path: str) -> Product | None:
    first = path.lstrip("/").split("/", 1)[0]
    return get_product(first)


def request_product(request) -> Product | None:
    """The product a request came to: the host's product, else the one whose prefix starts the path.

    ProductMiddleware stores it on the request; requests built elsewhere
    (drf-spectacular's mock requests, RequestFactory) are resolved on demand.
    """
    product = getattr(request, "product", _MISSING)
    if product is _MISSING:
        product = product_for_host(request.META.get("HTTP_HOST", "")) or product_for_path(request.path_info)
    return product


_MISSING = object()


@functools.cache
def host_urlconf(key: str) -> types.ModuleType:
    """A URLconf serving one product on its documented, unprefixed paths."""
    from django.urls import include, path

    from core.products.urls import product_urlpatterns

    module = types.ModuleType(f"core.products.hosts.{key}")
    # The platform health probes stay reachable on a product host, after the
    # product's own paths (GatherHub documents its own /health/).
    module.urlpatterns = [
        *product_urlpatterns(get_product(key), mounted=False),
        path("health/", include("core.health.urls")),
    ]
    module.handler404 = "core.api.errors.page_not_found"
    module.handler500 = "core.api.errors.server_error"
    return module


def reset() -> None:
    """Forget cached products, hosts and URLconfs (settings changed in a test)."""
    enabled_products.cache_clear()
    _hosts.cache_clear()
    host_urlconf.cache_clear()
    clear_url_caches()
    from core.docs.schema import cached_product_schema

    cached_product_schema.cache_clear()


def _on_setting_changed(*, setting, **kwargs) -> None:
    if setting in {"ENABLED_PRODUCTS", "PRODUCT_HOSTS", "JWT_LIFETIMES"}:
        reset()


def connect_signals() -> None:
    setting_changed.connect(_on_setting_changed, dispatch_uid="core.products.registry")
