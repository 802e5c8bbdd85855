"""The feed's pages (rows picked by key first), and pages with extra figures (`unread_count`, `stats`)."""

from functools import partial

from django.db.models import QuerySet

from core.api.pagination import CountCachingPaginator, ProductPagination


class KeyFirstPaginator(CountCachingPaginator):
    """Takes a page's keys with the list's own filters and order, then loads those rows with their joins.

    Page 500 then skips 4,990 entries of an index (the feed's sorts have one) instead of 4,990
    rows joined to their reporters; the page holds the same rows in the same order. The rows
    come from `rows` (the list before its filters) when given: picked by key, they need no
    filter again. A list that is not a queryset (PagedRows: the home feed's compiled page) is
    sliced as it is.
    """

    key = "number"

    def __init__(self, *args, rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows

    def page(self, number):
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page  # not cut at the count, which may be a cached one (see CountCachingPaginator)
        keys = self.object_list.values(self.key)[bottom:top]
        rows = self.object_list if self.rows is None else self.rows.order_by(*self.object_list.query.order_by)
        return self._get_page(rows.filter(**{f"{self.key}__in": keys}), number, self)


class IssueFeedPagination(ProductPagination):
    """The feed's pages, read key first (see KeyFirstPaginator), rows loaded from the view's unfiltered queryset."""

    rows = None

    def paginate_queryset(self, queryset, request, view=None):
        # A queryset's page rows are loaded from the view's unfiltered one (the home feed's come compiled).
        self.rows = view.get_queryset() if view is not None and isinstance(queryset, QuerySet) else None
        return super().paginate_queryset(queryset, request, view)

    @property
    def django_paginator_class(self):
        return partial(
            KeyFirstPaginator,
            rows=self.rows,
            count_ttl=self.count_ttl,
            count_key=self.count_key,
        )


class ExtrasPagination(ProductPagination):
    """The product's page, plus `self.extra` (set by the view) merged into it."""

    extra_schema: dict = {}

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data.update(getattr(self, "extra", {}))
        return response

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        page["properties"].update(self.extra_schema)
        page.setdefault("required", [])
        page["required"] = [*page["required"], *self.extra_schema]
        return page


class NotificationPagination(ExtrasPagination):
    extra_schema = {"unread_count": {"type": "integer"}}


def _stats_schema(*keys: str) -> dict:
    return {"stats": {"type": "object", "properties": {key: {"type": "integer"} for key in keys}}}


class AdminUserPagination(ExtrasPagination):
    extra_schema = _stats_schema("total", "active", "suspended", "banned")


class AdminResolverPagination(ExtrasPagination):
    extra_schema = _stats_schema("total", "verified", "pending", "rejected")
