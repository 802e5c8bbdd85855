"""The X-Query-Count middleware: counts every query of a request that asks, over WSGI and ASGI; absent when off."""

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.http import JsonResponse
from django.urls import path

from core.api.query_count import HEADER

MIDDLEWARE_PATH = "core.api.query_count.QueryCountMiddleware"


def two_queries(request):
    User = get_user_model()
    User.objects.count()
    list(User.objects.all()[:1])
    return JsonResponse({"ok": True})


def no_query(request):
    return JsonResponse({"ok": True})


def wrappers(request):
    return JsonResponse({"wrappers": len(connection.execute_wrappers)})


# This module doubles as the URLconf of its tests.
urlpatterns = [path("two-queries/", two_queries), path("no-query/", no_query), path("wrappers/", wrappers)]
ASK = {"X-Query-Count": "1"}


@pytest.fixture
def counting(settings):
    """The middleware in place right after SecurityMiddleware, as config/settings/base.py puts it."""
    settings.ROOT_URLCONF = __name__
    settings.QUERY_COUNT_HEADER = True
    middleware = [name for name in settings.MIDDLEWARE if name != MIDDLEWARE_PATH]
    settings.MIDDLEWARE = [middleware[0], MIDDLEWARE_PATH, *middleware[1:]]
    return settings


@pytest.mark.django_db
def test_header_counts_the_queries_of_the_request(counting, client):
    response = client.get("/two-queries/", headers=ASK)
    assert response.status_code == 200
    assert response[HEADER] == "2"
    assert client.get("/no-query/", headers=ASK)[HEADER] == "0"


@pytest.mark.django_db
def test_a_request_that_does_not_ask_is_not_counted(counting, client):
    """The bench's load doesn't ask: its requests run without an execute wrapper, as in production."""
    response = client.get("/wrappers/")
    assert HEADER not in response
    assert response.json() == {"wrappers": 0}
    assert client.get("/wrappers/", headers=ASK).json() == {"wrappers": 1}


@pytest.mark.django_db
def test_error_responses_are_counted_too(counting, client):
    assert client.get("/missing/", headers=ASK)[HEADER] == "0"


@pytest.mark.django_db(transaction=True)
async def test_header_counts_queries_under_asgi(counting, async_client):
    response = await async_client.get("/two-queries/", headers=ASK)
    # The view ran on asgiref's thread-sensitive thread: close its connection there, or
    # PostgreSQL refuses to drop the test database at teardown.
    await sync_to_async(connections.close_all)()
    assert response.status_code == 200
    assert response[HEADER] == "2"


@pytest.mark.django_db
def test_no_header_when_disabled(counting, client):
    counting.QUERY_COUNT_HEADER = False
    assert HEADER not in client.get("/two-queries/", headers=ASK)


@pytest.mark.django_db
def test_no_header_by_default(settings, client):
    settings.ROOT_URLCONF = __name__
    assert MIDDLEWARE_PATH not in settings.MIDDLEWARE
    assert HEADER not in client.get("/two-queries/", headers=ASK)
