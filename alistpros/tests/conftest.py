"""A-List test fixtures: accounts of each role, a pro with a profile, the documented error body."""

import pytest

from alistpros.models import ProProfile, ServiceCategory

API = "/alistpros/api/"


def assert_error(response, status: int) -> dict:
    """The documented error body: exactly {error, details, status_code}."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "details", "status_code"}, body
    assert isinstance(body["error"], str) and body["error"]
    assert body["status_code"] == status
    return body


@pytest.fixture
def account(make_account):
    """account("client", "ann") -> an A-List account with that role, e-mail ann@example.com, name "Ann Tester"."""

    def make(role: str, name: str, **fields):
        fields.setdefault("name", f"{name.title()} Tester")
        return make_account("alistpros", email=f"{name}@example.com", role=role, **fields)

    return make


@pytest.fixture
def client_user(account):
    return account("client", "carla")


@pytest.fixture
def other_client(account):
    return account("client", "colin")


@pytest.fixture
def pro_user(account):
    return account("contractor", "pat")


@pytest.fixture
def other_pro_user(account):
    return account("specialist", "sam")


@pytest.fixture
def admin_user(account):
    return account("admin", "ada")


@pytest.fixture
def plumbing(db):
    # get_or_create: a transactional test's flush empties the categories the data migration seeded.
    category, _ = ServiceCategory.objects.get_or_create(name="Plumbing", defaults={"description": "Plumbing services"})
    return category


@pytest.fixture
def pro_profile(pro_user, plumbing):
    profile = ProProfile.objects.create(
        user=pro_user,
        business_name="Elite Plumbing Services",
        business_description="Professional plumbing services",
        years_of_experience=10,
        service_radius=50,
    )
    profile.service_categories.add(plumbing)
    return profile


@pytest.fixture
def other_pro_profile(other_pro_user):
    return ProProfile.objects.create(user=other_pro_user, business_name="Spark Electric", years_of_experience=3)
