"""The URL patterns of one product: its documented paths plus its API docs, under its prefix or not."""

from django.urls import include, path

from core.docs.urls import docs_urlpatterns
from core.products.spec import Product


def product_urlpatterns(product: Product, *, mounted: bool = True) -> list:
    """Docs first (under the API base), then the product's own documented paths."""
    patterns = [
        path(product.api_base, include(docs_urlpatterns(product))),
        path("", include(product.urls)),
    ]
    if mounted:
        return [path(product.prefix.lstrip("/"), include(patterns))]
    return patterns
