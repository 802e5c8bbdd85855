"""How a product declares itself and how the server finds the product of a request."""

from core.products.spec import CookieTransport, Product

__all__ = ("CookieTransport", "Product")
