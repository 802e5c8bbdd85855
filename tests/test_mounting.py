"""ENABLED_PRODUCTS and PRODUCT_HOSTS: which products a deployment serves, and on which hosts."""

import importlib

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

import config.urls
import tests.urls
from core.accounts.tokens import token_pair_for_user


def reload_urlconfs():
    importlib.reload(config.urls)
    importlib.reload(tests.urls)
    clear_url_caches()


@pytest.fixture
def only_townspark():
    with override_settings(ENABLED_PRODUCTS=["townspark"]):
        reload_urlconfs()
        yield
    reload_urlconfs()


def test_disabled_products_are_not_mounted(client, only_townspark):
    assert client.get("/townspark/api/v1/schema/").status_code == 200
    response = client.get("/gatherhub/api/v1/schema/")
    assert response.status_code == 404
    index = client.get("/").content.decode()
    assert "TownSpark" in index and "GatherHub" not in index


@pytest.mark.django_db
class TestProductHosts:
    HOST = {"HTTP_HOST": "api.townspark.example"}

    @pytest.fixture(autouse=True)
    def townspark_host(self, settings):
        settings.PRODUCT_HOSTS = {"api.townspark.example": "townspark"}
        settings.ALLOWED_HOSTS = ["*"]

    def test_documented_unprefixed_paths_on_the_product_host(self, client):
        response = client.get("/api/v1/schema/", **self.HOST)
        assert response.status_code == 200
        assert response.json()["info"]["title"] == "TownSpark API"
        assert all(not path.startswith("/townspark/") for path in response.json()["paths"])

    def test_unknown_path_is_a_townspark_404(self, client):
        response = client.get("/api/v1/nothing-here/", **self.HOST)
        assert response.status_code == 404
        assert response.json()["error_code"] == "NOT_FOUND"

    def test_other_products_are_not_reachable_on_the_host(self, client):
        assert client.get("/gatherhub/api/v1/schema/", **self.HOST).status_code == 404

    def test_prefixed_paths_still_work_on_the_shared_host(self, client):
        assert client.get("/townspark/api/v1/schema/").status_code == 200

    def test_host_is_the_realm_for_tokens(self, client, make_account):
        # A TownSpark token is not accepted on the unrelated GatherHub prefix of the shared host.
        token = token_pair_for_user(make_account("townspark")).access
        response = client.get("/gatherhub/api/v1/_test/whoami/", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 401

    def test_health_is_served_on_the_product_host(self, client):
        assert client.get("/health/live/", **self.HOST).status_code == 200
