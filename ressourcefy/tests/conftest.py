"""Ressourcefy test fixtures: an onboarded, activated account of each role, tags, and the documented error body."""

import pytest

from ressourcefy.models import OnboardingStep, Profile, Tag

API = "/ressourcefy/api/"


def assert_error(response, status: int, code: str | None = None) -> dict:
    """Ressourcefy's error body: `{error: {code, message[, details]}}` and nothing else."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) <= {"code", "message", "details"} and {"code", "message"} <= set(body["error"]), body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


@pytest.fixture
def rfy_account(make_account):
    """rfy_account("CONTRIBUTOR", "carla", onboarding_step=...) -> an activated Ressourcefy account with a profile.

    Onboarding is completed unless another step is given; `username` defaults to the name.
    """

    def make(role: str, name: str, *, onboarding_step: str = OnboardingStep.COMPLETED, **fields):
        fields.setdefault("username", name)
        fields.setdefault("name", name.title())
        user = make_account("ressourcefy", email=f"{name}@example.com", role=role, **fields)
        Profile.objects.update_or_create(user=user, defaults={"onboarding_step": onboarding_step})
        return user

    return make


@pytest.fixture
def reader(rfy_account):
    return rfy_account("USER", "reader")


@pytest.fixture
def contributor(rfy_account):
    return rfy_account("CONTRIBUTOR", "carla")


@pytest.fixture
def moderator(rfy_account):
    return rfy_account("MODERATOR", "mona")


@pytest.fixture
def admin(rfy_account):
    return rfy_account("ADMIN", "adam")


@pytest.fixture
def superadmin(rfy_account):
    return rfy_account("SUPERADMIN", "sue")


def make_tag(name: str) -> Tag:
    return Tag.objects.get_or_create(name=name, defaults={"slug": name.lower().replace(" ", "-")})[0]


@pytest.fixture
def tags():
    return [make_tag(name) for name in ("python", "django", "react")]
