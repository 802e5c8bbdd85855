"""Brute-force protection for the account endpoints: a per-address, per-product limit (AUTH_RATE_LIMIT)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from core.products.registry import request_product


class AuthEndpointThrottle(SimpleRateThrottle):
    """Login, sign-up and password-reset attempts per client address, counted per product.

    The rate is read per request (`AUTH_RATE_LIMIT`, e.g. `30/minute`, or `off`),
    so a settings change applies at once; a 429 leaves in the product's format.
    """

    scope = "auth"

    def get_rate(self):
        rate = str(getattr(settings, "AUTH_RATE_LIMIT", "") or "").strip()
        return None if rate.lower() in ("", "off") else rate

    def get_cache_key(self, request, view):
        product = request_product(request)
        realm = product.key if product else "platform"
        return self.cache_format % {"scope": f"{self.scope}:{realm}", "ident": self.get_ident(request)}
