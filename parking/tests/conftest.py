"""Parking test fixtures: an account of each role and the documented error body."""

import pytest

from parking.models import Listing

API = "/parking/api/v1/"


def assert_error(response, status: int, code: str | None = None) -> dict:
    """Parking's error body: exactly {status: "error", errors, message, error_code}."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"status", "errors", "message", "error_code"}, body
    assert body["status"] == "error"
    assert isinstance(body["message"], str) and body["message"]
    if code is not None:
        assert body["error_code"] == code, body
    return body


@pytest.fixture
def parking_account(make_account):
    """parking_account("HOST", "hal") -> a Parking account with that role, e-mail hal@example.com."""

    def make(role: str, name: str, **fields):
        fields.setdefault("name", f"{name.title()} Tester")
        return make_account("parking", email=f"{name}@example.com", role=role, **fields)

    return make


@pytest.fixture
def seeker(parking_account):
    return parking_account("SEEKER", "seeker")


@pytest.fixture
def host(parking_account):
    return parking_account("HOST", "host")


@pytest.fixture
def both(parking_account):
    return parking_account("BOTH", "both")


@pytest.fixture
def admin(parking_account):
    return parking_account("ADMIN", "admin")


def make_listing(host, **fields) -> Listing:
    """A plain listing of `host` in San Francisco (3.00 an hour, 20.00 a day unless given)."""
    values = {
        "title": "Driveway on Main",
        "address": "1 Main St",
        "city": "San Francisco",
        "latitude": 37.77,
        "longitude": -122.42,
        "price_per_hour": 300,
        "price_per_day": 2000,
        "spot_type": "DRIVEWAY",
        **fields,
    }
    return Listing.objects.create(host=host, **values)


# Payment tests' fixtures (local Stripe for Parking, signed webhook delivery) live with their helpers.
from parking.tests.payments import deliver, no_stripe_key, stripe_key  # noqa: E402, F401
