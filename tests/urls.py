"""The project's URLs plus the core's test-only views under every enabled product's API base."""

from django.urls import include, path

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as project_urlpatterns
from core.products.registry import enabled_products

urlpatterns = [
    path(f"{product.key}/{product.api_base}_test/", include("core.testing.urls"))
    for product in enabled_products().values()
] + project_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
