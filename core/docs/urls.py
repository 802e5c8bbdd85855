"""Docs routes of one product, mounted under its API base (`/townspark/api/v1/schema/`, ...)."""

from django.urls import path

from core.docs.views import ProductRedocView, ProductSchemaView, ProductSwaggerView


def docs_urlpatterns(product) -> list:
    schema_name = f"{product.key}-schema"
    return [
        path("schema/", ProductSchemaView.as_view(product_key=product.key), name=schema_name),
        path(
            "swagger/",
            ProductSwaggerView.as_view(url_name=schema_name, title=f"{product.name} API"),
            name=f"{product.key}-swagger",
        ),
        path(
            "redoc/",
            ProductRedocView.as_view(url_name=schema_name, title=f"{product.name} API"),
            name=f"{product.key}-redoc",
        ),
    ]
