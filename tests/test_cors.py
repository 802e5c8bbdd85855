"""CORS: configured origins may call any product's API, with credentials (Ressourcefy's cookies)."""

import pytest


@pytest.fixture
def frontend_origin(settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
    settings.CORS_ALLOW_ALL_ORIGINS = False
    return "https://app.example.com"


def test_preflight_from_an_allowed_origin(client, frontend_origin):
    response = client.options(
        "/ressourcefy/api/_test/echo/",
        HTTP_ORIGIN=frontend_origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization,content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == frontend_origin
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "authorization" in response["Access-Control-Allow-Headers"]


def test_other_origins_get_no_cors_headers(client, frontend_origin):
    response = client.get("/townspark/api/v1/_test/echo/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response
