"""Fixtures shared by every test: API clients and accounts in a product realm."""

import os

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from core.accounts.services import account_create
from core.accounts.tokens import token_pair_for_user
from core.api.pagination import count_cache

pytest_plugins = ["core.testing.stripe_server", "core.testing.s3"]

DEFAULT_PASSWORD = "Sup3r-secret-pass!"


def pytest_runtest_setup(item):
    """Race tests need real row locks: they run on PostgreSQL (CI) and say so on SQLite."""
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL row locks: run with DATABASE_URL=postgres://...")
    if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis: run with REDIS_URL=redis://...")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: one test's cached COUNT or rate-limit budget must not answer another's.

    Account ids are integers: a rolled-back test's ids come back in the next one, with its cache keys.
    """
    count_cache().clear()
    cache.clear()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def make_account(db):
    """make_account("townspark", role="resolver", email=...) -> a verified, active account."""
    counter = {"n": 0}

    def make(realm: str, *, email: str | None = None, password: str = DEFAULT_PASSWORD, **fields):
        counter["n"] += 1
        email = email or f"user{counter['n']}@example.com"
        return account_create(realm=realm, email=email, password=password, **fields)

    return make


@pytest.fixture
def client_for():
    """client_for(user) -> an APIClient sending that user's Bearer access token."""

    def build(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for_user(user).access}")
        return client

    return build
