"""Schema, Swagger UI and ReDoc views bound to one product, and the HTML index of enabled products."""

from django.shortcuts import render
from django.urls import include, path
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

from core.products.registry import enabled_products, get_product


def schema_settings(product) -> dict:
    return {
        "TITLE": f"{product.name} API",
        "DESCRIPTION": (
            f"{product.description}\n\nContract: `shared/specs/{product.key}.md`. "
            "Authenticate with `Authorization: Bearer <access>` from the login endpoint; "
            "tokens of other products are refused."
        ),
        "COMPONENT_SPLIT_REQUEST": True,
    }


class ProductSchemaView(SpectacularAPIView):
    """OpenAPI 3 for one product's paths only, as they are served to this request (prefixed or on the host)."""

    product_key = ""
    # JSON first: the schema and any error about it come as JSON unless YAML is asked for.
    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]
    authentication_classes: list = []
    permission_classes = [AllowAny]
    envelope = False

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        product = get_product(self.product_key)
        self.custom_settings = schema_settings(product)
        on_own_host = getattr(request, "urlconf", None) is not None
        patterns = (
            [path("", include(product.urls))]
            if on_own_host
            else [path(product.prefix.lstrip("/"), include(product.urls))]
        )
        self.urlconf = patterns
        return super().get(request, *args, **kwargs)


class ProductSwaggerView(SpectacularSwaggerView):
    authentication_classes: list = []
    permission_classes = [AllowAny]


class ProductRedocView(SpectacularRedocView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    template_name = "docs/redoc.html"


def index(request):
    """`/`: the enabled products with links to their docs."""
    products = [{"product": product, "docs": f"{product.api_root}"} for product in enabled_products().values()]
    return render(request, "docs/index.html", {"products": products})
