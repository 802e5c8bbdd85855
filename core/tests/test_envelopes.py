"""Each product's success, error and pagination shapes, and JSON errors for every failure mode."""

import re

import pytest

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

BASES = {
    "townspark": "/townspark/api/v1/_test/",
    "alistpros": "/alistpros/api/_test/",
    "gatherhub": "/gatherhub/api/v1/_test/",
    "parking": "/parking/api/v1/_test/",
    "ressourcefy": "/ressourcefy/api/_test/",
}


def assert_error_shape(product: str, body: dict, status: int, code: str | None = None) -> None:
    """The documented error format of each product."""
    if product == "townspark":
        assert body["success"] is False and isinstance(body["message"], str)
        assert TIMESTAMP.match(body["meta"]["timestamp"])
        if code:
            assert body["error_code"] == code
    elif product == "alistpros":
        assert set(body) == {"error", "details", "status_code"}
        assert body["status_code"] == status and isinstance(body["error"], str)
    elif product == "gatherhub":
        assert set(body) == {"error", "message", "details", "timestamp"}
        assert TIMESTAMP.match(body["timestamp"])
        if code:
            assert body["error"] == code
    elif product == "parking":
        assert body["status"] == "error" and isinstance(body["message"], str) and "errors" in body
        if code:
            assert body["error_code"] == code
    elif product == "ressourcefy":
        assert set(body) == {"error"} and isinstance(body["error"]["message"], str)
        if code:
            assert body["error"]["code"] == code


class TestSuccessEnvelopes:
    def test_townspark_success_meta(self, api_client):
        body = api_client.post(BASES["townspark"] + "echo/", {"name": "a", "count": 2}, format="json").json()
        assert body["success"] is True and body["message"] == "Echoed"
        assert body["data"] == {"name": "a", "count": 2}
        assert TIMESTAMP.match(body["meta"]["timestamp"])

    @pytest.mark.parametrize("product", ["alistpros", "gatherhub"])
    def test_plain_products_return_the_bare_body(self, api_client, product):
        response = api_client.get(BASES[product] + "echo/")
        assert response.status_code == 200
        assert response.json() == {"hello": "world"}

    def test_parking_status_message(self, api_client):
        body = api_client.post(BASES["parking"] + "echo/", {"name": "a", "count": 2}, format="json").json()
        assert body == {"status": "success", "data": {"name": "a", "count": 2}, "message": "Echoed"}

    def test_ressourcefy_status_ok(self, api_client):
        body = api_client.get(BASES["ressourcefy"] + "echo/").json()
        assert body == {"status": "ok", "data": {"hello": "world"}}

    def test_raw_responses_skip_the_envelope(self, api_client):
        assert api_client.get(BASES["townspark"] + "raw/").json() == {"exactly": "this"}


@pytest.mark.django_db
class TestPagination:
    @pytest.fixture
    def accounts(self, make_account):
        for product in BASES:
            for index in range(12):
                make_account(product, email=f"p{index:02d}@example.com")

    def test_townspark_pages_live_inside_data(self, api_client, accounts):
        body = api_client.get(BASES["townspark"] + "accounts/?page=2&page_size=5").json()
        data = body["data"]
        assert body["success"] is True
        assert set(data) == {"results", "count", "next", "previous", "page", "page_size", "total_pages"}
        assert (data["count"], data["page"], data["page_size"], data["total_pages"]) == (12, 2, 5, 3)
        assert [row["email"] for row in data["results"]] == [f"p{i:02d}@example.com" for i in range(5, 10)]
        assert data["next"].endswith("page=3&page_size=5") and "page_size=5" in data["previous"]

    def test_townspark_default_page_size_is_10_and_cap_100(self, api_client, accounts):
        assert api_client.get(BASES["townspark"] + "accounts/").json()["data"]["page_size"] == 10
        assert api_client.get(BASES["townspark"] + "accounts/?page_size=1000").json()["data"]["page_size"] == 100

    @pytest.mark.parametrize("product", ["alistpros", "gatherhub"])
    def test_plain_pages(self, api_client, accounts, product):
        body = api_client.get(BASES[product] + "accounts/?page_size=5").json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["count"] == 12 and len(body["results"]) == 5 and body["previous"] is None

    def test_parking_pages_inside_data(self, api_client, accounts):
        body = api_client.get(BASES["parking"] + "accounts/").json()
        assert body["status"] == "success"
        assert set(body["data"]) == {"results", "count", "next", "previous"}
        assert body["data"]["count"] == 12

    def test_ressourcefy_pages_inside_its_one_envelope(self, api_client, accounts):
        body = api_client.get(BASES["ressourcefy"] + "accounts/?page_size=5").json()
        assert set(body) == {"status", "data"} and body["status"] == "ok"
        assert set(body["data"]) == {"count", "next", "previous", "results"}
        assert body["data"]["count"] == 12 and len(body["data"]["results"]) == 5 and body["data"]["previous"] is None

    def test_page_past_the_end_is_a_404_in_product_format(self, api_client, accounts):
        response = api_client.get(BASES["townspark"] + "accounts/?page=99")
        assert response.status_code == 404
        assert_error_shape("townspark", response.json(), 404, "NOT_FOUND")

    def test_only_realm_accounts_are_listed(self, api_client, accounts, make_account):
        make_account("gatherhub", email="extra@example.com")
        assert api_client.get(BASES["townspark"] + "accounts/").json()["data"]["count"] == 12

    def test_a_view_may_cache_its_count(self, api_client, accounts, make_account, django_assert_num_queries):
        url = BASES["alistpros"] + "accounts-cached-count/"
        with django_assert_num_queries(2):  # COUNT, then the page
            assert api_client.get(url).json()["count"] == 12
        make_account("alistpros", email="zz@example.com")
        with django_assert_num_queries(1):  # the page only; the count is up to 30 s old
            assert api_client.get(url).json()["count"] == 12
        with django_assert_num_queries(1):  # page size does not change what is counted
            assert api_client.get(url + "?page_size=5").json()["count"] == 12
        assert api_client.get(BASES["alistpros"] + "accounts/").json()["count"] == 13

    def test_query_count_does_not_grow_with_page_size(self, api_client, accounts, django_assert_max_num_queries):
        with django_assert_max_num_queries(2):
            api_client.get(BASES["alistpros"] + "accounts/?page_size=2")
        with django_assert_max_num_queries(2):
            api_client.get(BASES["alistpros"] + "accounts/?page_size=12")


@pytest.mark.django_db
@pytest.mark.parametrize("product", list(BASES))
class TestErrorFormats:
    def test_validation_error(self, api_client, product):
        response = api_client.post(BASES[product] + "echo/", {"name": "x" * 20}, format="json")
        assert response.status_code == 400
        body = response.json()
        codes = {
            "townspark": "VALIDATION_ERROR",
            "gatherhub": "validation_error",
            "parking": "VALIDATION_ERROR",
            "ressourcefy": "validation_error",
            "alistpros": None,
        }
        assert_error_shape(product, body, 400, codes[product])
        fields = {
            "townspark": lambda b: b["errors"],
            "alistpros": lambda b: b["details"],
            "gatherhub": lambda b: b["details"],
            "parking": lambda b: b["errors"],
            "ressourcefy": lambda b: b["error"]["details"],
        }[product](body)
        assert set(fields) == {"name", "count"}

    def test_malformed_json(self, api_client, product):
        response = api_client.post(BASES[product] + "echo/", data='{"name": ', content_type="application/json")
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert_error_shape(product, response.json(), 400)

    def test_unsupported_media_type(self, api_client, product):
        response = api_client.post(BASES[product] + "echo/", data="name=a", content_type="text/plain")
        assert response.status_code == 415
        assert_error_shape(product, response.json(), 415)

    def test_method_not_allowed(self, api_client, product):
        response = api_client.patch(BASES[product] + "echo/", {}, format="json")
        assert response.status_code == 405
        assert_error_shape(product, response.json(), 405)

    def test_unknown_path_under_prefix(self, api_client, product):
        response = api_client.get(BASES[product] + "no/such/thing/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        codes = {
            "townspark": "NOT_FOUND",
            "gatherhub": "not_found",
            "parking": "NOT_FOUND",
            "ressourcefy": "not_found",
            "alistpros": None,
        }
        assert_error_shape(product, response.json(), 404, codes[product])

    def test_unauthenticated(self, api_client, product):
        response = api_client.get(BASES[product] + "whoami/")
        assert response.status_code == 401
        codes = {
            "townspark": "AUTHENTICATION_REQUIRED",
            "gatherhub": "authentication_required",
            "parking": "AUTHENTICATION_REQUIRED",
            "ressourcefy": "authentication_required",
            "alistpros": None,
        }
        assert_error_shape(product, response.json(), 401, codes[product])

    def test_server_error_has_no_traceback(self, api_client, product):
        response = api_client.get(BASES[product] + "fail/")
        assert response.status_code == 500
        assert b"secret internals" not in response.content and b"Traceback" not in response.content
        assert_error_shape(product, response.json(), 500)

    def test_conflict(self, api_client, product):
        response = api_client.put(BASES[product] + "fail/", {}, format="json")
        assert response.status_code == 409
        assert_error_shape(product, response.json(), 409)

    def test_database_data_error_is_a_400(self, api_client, product):
        response = api_client.post(BASES[product] + "fail/", {}, format="json")
        assert response.status_code == 400
        assert_error_shape(product, response.json(), 400)

    def test_throttled(self, api_client, product):
        response = api_client.delete(BASES[product] + "fail/")
        assert response.status_code == 429
        assert response["Retry-After"] == "30"
        codes = {
            "townspark": "RATE_LIMIT_EXCEEDED",
            "gatherhub": "rate_limit_exceeded",
            "parking": "RATE_LIMIT_EXCEEDED",
            "ressourcefy": "rate_limit_exceeded",
            "alistpros": None,
        }
        assert_error_shape(product, response.json(), 429, codes[product])

    def test_forbidden_role(self, api_client, product, make_account, client_for):
        user = make_account(product)
        response = client_for(user).get(BASES[product] + "admin-only/")
        assert response.status_code == 403
        assert_error_shape(product, response.json(), 403)


@pytest.mark.django_db
class TestPermissions:
    def test_product_admin_passes(self, make_account, client_for):
        admin = make_account("townspark", role="admin")
        assert client_for(admin).get(BASES["townspark"] + "admin-only/").status_code == 200

    @pytest.mark.parametrize(("role", "status"), [("resolver", 200), ("admin", 200), ("citizen", 403)])
    def test_roles_combined_with_or(self, make_account, client_for, role, status):
        user = make_account("townspark", role=role)
        assert client_for(user).get(BASES["townspark"] + "staff/").status_code == status


def test_validation_error_extra_details_join_the_field_errors(rf):
    from rest_framework.exceptions import ValidationError

    from core.api.handlers import describe

    exc = ValidationError({"option_ids": ["Invalid option."]})
    exc.error_code = "invalid_option"
    exc.extra_details = {"allowed": [1, 2]}
    assert describe(exc) == (
        "invalid_option",
        "Validation failed",
        {"option_ids": ["Invalid option."], "allowed": [1, 2]},
    )


def test_outside_any_product_errors_use_the_neutral_shape(client):
    response = client.get("/definitely/not/here/")
    assert response.status_code == 404
    assert_error_shape("gatherhub", response.json(), 404, "not_found")
