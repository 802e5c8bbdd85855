"""Per-product API docs: OpenAPI schema with only that product's paths, Swagger UI and ReDoc offline, the index."""

import re

import pytest
from drf_spectacular.drainage import GENERATOR_STATS

from core.docs.schema import cached_product_schema
from core.products.registry import enabled_products

PRODUCTS = list(enabled_products().values())


@pytest.fixture
def no_schema_warnings():
    cached_product_schema.cache_clear()
    GENERATOR_STATS.reset()
    yield
    assert not GENERATOR_STATS, (
        f"schema warnings: {dict(GENERATOR_STATS._warn_cache)} {dict(GENERATOR_STATS._error_cache)}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("product", PRODUCTS, ids=lambda p: p.key)
class TestProductDocs:
    def test_schema_builds_without_warnings_with_only_its_paths(self, client, product, no_schema_warnings):
        response = client.get(f"{product.api_root}schema/")
        assert response.status_code == 200
        schema = response.json()
        assert schema["openapi"].startswith("3.")
        assert schema["info"]["title"] == f"{product.name} API"
        assert all(path.startswith(product.prefix) for path in schema["paths"])
        error_component = f"{product.name.replace(' ', '').replace('-', '')}Error"
        if schema["paths"]:
            assert error_component in schema["components"]["schemas"]

    def test_schema_as_yaml_on_request(self, client, product):
        response = client.get(f"{product.api_root}schema/?format=yaml")
        assert response.status_code == 200
        assert response.content.startswith(b"openapi:")

    def test_swagger_page_uses_local_assets(self, client, product):
        response = client.get(f"{product.api_root}swagger/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
        assert f"{product.api_root}schema/" in html
        # Nothing loaded from elsewhere (a plain "cdn" check failed on the page's random CSRF/nonce text).
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
        assert not any(host in html for host in ("jsdelivr", "unpkg", "cdnjs"))

    def test_redoc_page_has_no_web_fonts_or_cdn(self, client, product):
        response = client.get(f"{product.api_root}redoc/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "googleapis" not in html and "gstatic" not in html
        assert "/static/drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js" in html


def test_sidecar_assets_are_served(client):
    response = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:100]


def test_index_lists_enabled_products_with_doc_links(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for product in PRODUCTS:
        assert product.name in html or product.name.replace("&", "&amp;") in html
        assert f'href="{product.api_root}swagger/"' in html
        assert f'href="{product.api_root}redoc/"' in html
