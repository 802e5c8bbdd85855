"""Each product's API docs open with a description a reader can use: base path, auth, error format, pagination."""

from datetime import timedelta

import pytest

from core.api.envelopes import style_for
from core.docs.description import duration
from core.docs.schema import cached_product_schema
from core.products.registry import enabled_products

PRODUCTS = list(enabled_products().values())


@pytest.fixture(autouse=True)
def fresh_schemas():
    cached_product_schema.cache_clear()
    yield
    cached_product_schema.cache_clear()


@pytest.mark.django_db
@pytest.mark.parametrize("product", PRODUCTS, ids=lambda p: p.key)
def test_description_describes_the_api_not_a_file_the_reader_lacks(client, product):
    description = client.get(f"{product.api_root}schema/").json()["info"]["description"]
    assert "shared/specs" not in description and ".md" not in description
    assert product.description in description
    assert f"**Base path:** `{product.api_root}`" in description
    assert "Authorization: Bearer <access token>" in description
    assert ("username" if product.login_field == "username" else "e-mail") in description
    for field in style_for(product).error_schema()["properties"]:
        assert f"`{field}`" in description
    assert "`page_size`" in description and f"default {style_for(product).default_page_size}" in description


@pytest.mark.django_db
def test_description_on_a_products_own_host_gives_the_unprefixed_base(client, settings):
    settings.PRODUCT_HOSTS = {"api.townspark.example": "townspark"}
    settings.ALLOWED_HOSTS = ["api.townspark.example"]
    description = client.get("/api/v1/schema/", HTTP_HOST="api.townspark.example").json()["info"]["description"]
    assert "**Base path:** `/api/v1/`" in description


def test_lifetimes_read_as_durations():
    assert [duration(timedelta(minutes=m)) for m in (15, 60, 1440, 90)] == [
        "15 minutes",
        "1 hour",
        "1 day",
        "90 minutes",
    ]
