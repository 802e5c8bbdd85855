"""Per-product OpenAPI generation, and the AutoSchema that documents each operation inside its envelope."""

import functools
from contextvars import ContextVar

from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.settings import patched_settings

from core.api.envelopes import style_for
from core.docs.description import product_description
from core.products.registry import get_product, request_product

# The product whose schema is being generated: unprefixed (own-host) paths do not name it.
_generating_for: ContextVar = ContextVar("generating_schema_for", default=None)

ERROR_RESPONSES = {
    "400": "Validation error or malformed JSON",
    "401": "Missing, invalid, expired or foreign-realm token",
    "403": "Authenticated but not allowed",
    "404": "Not found",
    "405": "Method not allowed",
    "415": "Unsupported media type",
    "429": "Rate limit exceeded",
    "500": "Internal server error",
}


class ProductAutoSchema(AutoSchema):
    """Wraps 2xx payloads in the product's envelope and documents its error format for every operation."""

    def _product(self):
        generating = _generating_for.get()
        if generating is not None:
            return generating
        request = getattr(self.view, "request", None)
        return request_product(request) if request is not None else None

    def _style(self):
        return style_for(self._product())

    def _get_paginator(self):
        paginator = super()._get_paginator()
        if paginator is not None:
            paginator.schema_style = self._style()
        return paginator

    def _enveloped(self) -> bool:
        return getattr(self.view, "envelope", True)

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        if not ("200" <= str(status_code) < "300") or not self._enveloped():
            return response
        paginated = bool(self._is_list_view(serializer) and self._get_paginator())
        style = self._style()
        for media in response.get("content", {}).values():
            if "schema" in media:
                media["schema"] = (
                    style.paginated_schema(media["schema"]) if paginated else style.success_schema(media["schema"])
                )
        return response

    def _error_component(self):
        product = self._product()
        name = f"{product.name.replace(' ', '').replace('-', '')}Error" if product else "Error"
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, object=name, schema=self._style().error_schema()
        )
        self.registry.register_on_missing(component)
        return component

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        ref = self._error_component().ref
        # Views add statuses of their own (409, 422, ...) as `extra_error_responses = {"409": "why"}`.
        extra = getattr(self.view, "extra_error_responses", {})
        documented = {**ERROR_RESPONSES, **extra}
        for code, description in documented.items():
            # A bodiless read or delete is a 400 only where the view says so (a DELETE refused in some state).
            bodiless = self.method in ("GET", "HEAD", "DELETE") and not self._has_query_params()
            if code == "400" and "400" not in extra and bodiless:
                continue
            responses.setdefault(code, {"description": description, "content": {"application/json": {"schema": ref}}})
        return responses

    def _has_query_params(self) -> bool:
        # Parameters declared with extend_schema can be invalid too.
        return bool(
            self._get_filter_parameters() or self._get_pagination_parameters() or self.get_override_parameters()
        )


def schema_settings(product, *, on_own_host: bool = False) -> dict:
    return {"TITLE": f"{product.name} API", "DESCRIPTION": product_description(product, on_own_host=on_own_host)}


def build_product_schema(product, *, on_own_host: bool = False) -> dict:
    """The OpenAPI document of one product's paths, prefixed as mounted or bare as on its own host."""
    mount = "" if on_own_host else product.prefix.lstrip("/")
    generator = SchemaGenerator(patterns=[path(mount, include(product.urls))])
    token = _generating_for.set(product)
    try:
        with patched_settings(schema_settings(product, on_own_host=on_own_host)):
            return generator.get_schema(request=None, public=True)
    finally:
        _generating_for.reset(token)


@functools.cache
def cached_product_schema(key: str, *, on_own_host: bool = False) -> dict:
    """Schemas only change with the code, so each is generated once per process."""
    return build_product_schema(get_product(key), on_own_host=on_own_host)
