"""Page-number pagination in the shape and page sizes of the request's product."""

import hashlib
import math
from collections.abc import Callable
from functools import cache, cached_property, partial

from django.core.cache import caches
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.dispatch import receiver
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from core.api.envelopes import style_for
from core.products.registry import request_product

# Counts are kept per process (settings.CACHES["local"]): they are seconds old by design, and a
# Redis round trip cost TownSpark's feed 14% of its time. Each process may lag by up to the TTL.
COUNT_CACHE = "local"


@cache
def count_cache():
    """The process's count cache, one instance for every thread (Django's `caches[...]` is per context).

    Looking it up in `caches` on each page cost the home feed 2.3% of its CPU (issue #16): each
    request runs in a fresh context, where Django's handler misses and builds it anew. The local
    cache is thread-safe, and its instances share one store per LOCATION.
    """
    return caches.create_connection(COUNT_CACHE)


@receiver(setting_changed)
def _forget_count_cache(*, setting, **kwargs):
    if setting == "CACHES":
        count_cache.cache_clear()


class PagedRows:
    """A list read a page at a time: `rows(bottom=, top=)` gives its rows [bottom, top), `count()` their number.

    For a view whose pages come from elsewhere than a queryset (a compiled statement). A paginator
    slices it for the page it shows and counts it on first use only: a count found in the cache
    never runs `count`.
    """

    ordered = True  # the rows' order is `rows`'s; Django's paginator asks, to warn of unordered lists

    def __init__(self, *, rows: Callable[..., list], count: Callable[[], int]):
        self._rows, self._count = rows, count

    def __getitem__(self, bounds: slice) -> list:
        return self._rows(bottom=bounds.start, top=bounds.stop)

    def count(self) -> int:
        return self._count()


class CountCachingPaginator(Paginator):
    """Django's paginator, keeping each query's COUNT in the cache for `count_ttl` seconds.

    An exact COUNT(*) over a large, busy table costs more than the page itself;
    a view may accept counts up to a few seconds old in exchange.
    """

    def __init__(self, *args, count_ttl: int = 0, count_key: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.count_ttl, self.count_key = count_ttl, count_key

    def count_cache_key(self) -> str | None:
        """Where this list's COUNT is kept: `count_key` if given, else a hash of its compiled SQL (None: not cached)."""
        if self.count_key:
            return self.count_key
        query = getattr(self.object_list, "query", None)
        if query is None:
            return None
        sql, params = query.sql_with_params()
        return "page-count:" + hashlib.sha256(f"{self.object_list.db}|{sql}|{params!r}".encode()).hexdigest()

    def page(self, number):
        """As Django's, but a page is not cut at a cached count: rows added since it was counted still show."""
        if not self.count_ttl:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)

    @cached_property
    def count(self):
        key = self.count_cache_key() if self.count_ttl else None
        if key is None:
            return super().count
        count = count_cache().get(key)
        if count is None:
            count = super().count
            count_cache().set(key, count, self.count_ttl)
        return count


class ProductPagination(PageNumberPagination):
    """`page` and `page_size` query parameters; default and cap come from the product's style.

    A view may set `page_count_cache_seconds` to reuse its COUNT for that long, and
    `page_count_by_query = True` when its rows depend on the query string alone.
    """

    page_size_query_param = "page_size"
    count_ttl = 0
    count_key = ""

    @property
    def django_paginator_class(self):
        return partial(CountCachingPaginator, count_ttl=self.count_ttl, count_key=self.count_key)

    def query_count_key(self, request) -> str:
        """A COUNT's cache key from the list's path and query string (paging aside), for `page_count_by_query`."""
        skip = {self.page_query_param, self.page_size_query_param}
        params = sorted((key, values) for key, values in request.query_params.lists() if key not in skip)
        return "page-count:" + hashlib.sha256(repr((request.path, params)).encode()).hexdigest()

    def _style(self, request):
        return style_for(request_product(request))

    def paginate_queryset(self, queryset, request, view=None):
        style = self._style(request)
        self.page_size = style.default_page_size
        self.max_page_size = style.max_page_size
        self.count_ttl = getattr(view, "page_count_cache_seconds", 0)
        # A list whose rows depend on its query string only (never on the viewer) may key its cached COUNT by
        # the query string: compiling the COUNT's SQL to make the key cost Parking's nearby 1 ms per request.
        by_query = self.count_ttl and getattr(view, "page_count_by_query", False)
        self.count_key = self.query_count_key(request) if by_query else ""
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
