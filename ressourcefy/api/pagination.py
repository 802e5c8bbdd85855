"""Ressourcefy's list views answer a page of a selector's rows in one call (the page sits inside `data`)."""


class PageMixin:
    """For a GenericAPIView: `page_response(rows, serializer_class)` -> the paginated response."""

    def page_response(self, queryset, serializer_class):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True, context={"request": self.request}).data)
