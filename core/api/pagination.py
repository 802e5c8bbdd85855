"""Page-number pagination in the shape and page sizes of the request's product."""

import math

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.api.envelopes import style_for
from core.products.registry import request_product


class ProductPagination(PageNumberPagination):
    """`page` and `page_size` query parameters; default and cap come from the product's style."""

    page_size_query_param = "page_size"

    def _style(self, request):
        return style_for(request_product(request))

    def paginate_queryset(self, queryset, request, view=None):
        style = self._style(request)
        self.page_size = style.default_page_size
        self.max_page_size = style.max_page_size
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        style = self._style(self.request)
        page = self.page
        body = style.page(
            results=data,
            count=page.paginator.count,
            next_url=self.get_next_link(),
            previous_url=self.get_previous_link(),
            page=page.number,
            page_size=page.paginator.per_page,
            total_pages=max(1, math.ceil(page.paginator.count / page.paginator.per_page)),
        )
        response = Response(body)
        response.paginated = True
        return response

    def get_paginated_response_schema(self, schema):
        # ProductAutoSchema hands the paginator its product's style at schema time.
        style = getattr(self, "schema_style", None) or style_for(None)
        return style.page_schema(schema["items"] if schema.get("type") == "array" else schema)

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        style = getattr(self, "schema_style", None) or style_for(request_product(view.request))
        for param in params:
            if param["name"] == self.page_size_query_param:
                param["schema"].update(minimum=1, maximum=style.max_page_size)
                param["description"] = f"Items per page (default {style.default_page_size}, max {style.max_page_size})."
            elif param["name"] == self.page_query_param:
                param["schema"]["minimum"] = 1
        return params
