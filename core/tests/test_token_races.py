"""Concurrent refreshes of one refresh token: exactly one rotation wins."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

from core.accounts.tokens import token_pair_for_user


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_refreshes_of_one_token_rotate_once(make_account):
    refresh = token_pair_for_user(make_account("townspark")).refresh

    def attempt(_):
        try:
            response = APIClient().post("/townspark/api/v1/_test/auth/refresh/", {"refresh": refresh}, format="json")
            return response.status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(attempt, range(8)))
    assert sorted(statuses) == [200] + [401] * 7
