"""The URL patterns of one product: its documented paths plus its API docs, under its prefix or not."""

from importlib import import_module

from django.urls import include, path

from core.docs.urls import docs_urlpatterns
from core.products.spec import Product


def product_urlpatterns(product: Product, *, mounted: bool = True) -> list:
    """The product's own documented paths, then its API docs (under the API base).

    The product's patterns are spliced in rather than included under an empty prefix, and the docs
    come after them: every API request then resolves through one level less and no failed include
    (Django builds the list of every pattern tried into each match; issue #16). No product path is
    a docs path (`schema/`, `swagger/`, `redoc/` under its API base), so the order changes nothing
    else; core/tests/test_docs.py requests every product's docs.
    """
    patterns = [
        *import_module(product.urls).urlpatterns,
        path(product.api_base, include(docs_urlpatterns(product))),
    ]
    if mounted:
        return [path(product.prefix.lstrip("/"), include(patterns))]
    return patterns
