"""Schema, Swagger UI and ReDoc views bound to one product, and the HTML index of enabled products."""

from django.shortcuts import render
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.docs.schema import cached_product_schema
from core.products.registry import enabled_products


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
        on_own_host = getattr(request, "urlconf", None) is not None
        schema = cached_product_schema(self.product_key, on_own_host=on_own_host)
        filename = f"{self.product_key}.{self.perform_content_negotiation(request, force=True)[0].format}"
        return Response(schema, headers={"Content-Disposition": f'inline; filename="{filename}"'})


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
