"""onboarding/: status and the steps not_started -> profile -> interests -> completed, in order, once."""

import pytest

from ressourcefy.models import OnboardingStep, Profile
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db
ONBOARDING = API + "onboarding/"
PROFILE = {"username": "newbie", "bio": "Full-stack developer", "avatar_url": "https://example.com/a.jpg"}


@pytest.fixture
def newcomer(rfy_account):
    return rfy_account("USER", "newbie_account", onboarding_step=OnboardingStep.NOT_STARTED, username="")


def step_of(user) -> str:
    return Profile.objects.get(user=user).onboarding_step


def assert_step(response, step: str) -> None:
    assert response.status_code == 200, response.content
    assert response.json()["data"] == {"onboarding_step": step}
    assert response.cookies["onboarding_step"].value == step


def test_the_whole_journey_moves_forward_in_order(client_for, newcomer, tags):
    client = client_for(newcomer)
    assert_step(client.get(ONBOARDING + "status/"), "not_started")
    assert_step(client.post(ONBOARDING + "start/"), "profile")
    assert_step(client.post(ONBOARDING + "profile/", PROFILE, format="json"), "interests")
    body = {"tag_ids": [str(tags[0].pk), str(tags[1].pk)]}
    assert_step(client.post(ONBOARDING + "interests/", body, format="json"), "completed")
    assert_step(client.post(ONBOARDING + "complete/"), "completed")
    assert_step(client.get(ONBOARDING + "status/"), "completed")
    profile = Profile.objects.get(user=newcomer)
    newcomer.refresh_from_db()
    assert newcomer.username == "newbie" and profile.bio == "Full-stack developer"
    assert set(profile.interests.all()) == {tags[0], tags[1]}


@pytest.mark.parametrize(
    ("step", "endpoint"),
    [
        (OnboardingStep.NOT_STARTED, "profile/"),
        (OnboardingStep.NOT_STARTED, "interests/"),
        (OnboardingStep.NOT_STARTED, "complete/"),
        (OnboardingStep.PROFILE, "start/"),
        (OnboardingStep.PROFILE, "interests/"),
        (OnboardingStep.PROFILE, "complete/"),
        (OnboardingStep.INTERESTS, "start/"),
        (OnboardingStep.INTERESTS, "profile/"),
        (OnboardingStep.INTERESTS, "complete/"),
        (OnboardingStep.COMPLETED, "start/"),
        (OnboardingStep.COMPLETED, "profile/"),
        (OnboardingStep.COMPLETED, "interests/"),
    ],
)
def test_a_step_out_of_order_is_400_and_changes_nothing(rfy_account, client_for, tags, step, endpoint):
    user = rfy_account("USER", "stepper", onboarding_step=step)
    body = {"profile/": PROFILE, "interests/": {"tag_ids": [str(tags[0].pk)]}}.get(endpoint, {})
    response = client_for(user).post(ONBOARDING + endpoint, body, format="json")
    assert_error(response, 400, "invalid_action")
    assert step_of(user) == step


def test_an_account_without_a_profile_starts(make_account, client_for):
    user = make_account("ressourcefy", email="bare@example.com")
    assert_step(client_for(user).get(ONBOARDING + "status/"), "not_started")
    assert_step(client_for(user).post(ONBOARDING + "start/"), "profile")


class TestProfileStep:
    @pytest.fixture
    def at_profile(self, rfy_account):
        return rfy_account("USER", "profiler", onboarding_step=OnboardingStep.PROFILE)

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {**PROFILE, "bio": "x" * 501},
            {**PROFILE, "avatar_url": "not a url"},
            {**PROFILE, "username": "ab"},
            {**PROFILE, "avatar_url": "https://e.com/" + "a" * 500},
        ],
    )
    def test_validation(self, client_for, at_profile, body):
        assert_error(client_for(at_profile).post(ONBOARDING + "profile/", body, format="json"), 400, "validation_error")
        assert step_of(at_profile) == "profile"

    def test_a_taken_username_is_invalid_action(self, client_for, at_profile, reader):
        body = {**PROFILE, "username": "READER"}
        error = assert_error(client_for(at_profile).post(ONBOARDING + "profile/", body, format="json"), 400)
        assert error == {"code": "invalid_action", "message": "Username 'READER' is already taken"}

    def test_keeping_your_own_username_is_fine(self, client_for, at_profile):
        body = {**PROFILE, "username": "profiler"}
        assert_step(client_for(at_profile).post(ONBOARDING + "profile/", body, format="json"), "interests")

    def test_a_bio_or_an_avatar_is_needed(self, client_for, at_profile):
        body = {"username": "newbie", "bio": "", "avatar_url": ""}
        response = client_for(at_profile).post(ONBOARDING + "profile/", body, format="json")
        assert_error(response, 400, "invalid_action")
        body = {"username": "newbie", "avatar_url": "https://example.com/a.jpg"}
        assert_step(client_for(at_profile).post(ONBOARDING + "profile/", body, format="json"), "interests")


class TestInterestsStep:
    @pytest.fixture
    def at_interests(self, rfy_account):
        return rfy_account("USER", "chooser", onboarding_step=OnboardingStep.INTERESTS)

    @pytest.mark.parametrize(
        "tag_ids",
        [[], None, ["not-a-uuid"], ["3fa85f64-5717-4562-b3fc-2c963f66afa6"], "python"],
    )
    def test_validation(self, client_for, at_interests, tags, tag_ids):
        body = {} if tag_ids is None else {"tag_ids": tag_ids}
        response = client_for(at_interests).post(ONBOARDING + "interests/", body, format="json")
        assert "tag_ids" in assert_error(response, 400, "validation_error")["details"]
        assert step_of(at_interests) == "interests"

    def test_at_most_ten_tags_each_once(self, client_for, at_interests):
        from ressourcefy.tests.conftest import make_tag

        many = [str(make_tag(f"tag{n}").pk) for n in range(11)]
        client = client_for(at_interests)
        assert_error(client.post(ONBOARDING + "interests/", {"tag_ids": many}, format="json"), 400, "validation_error")
        twice = [many[0], many[0]]
        assert_error(client.post(ONBOARDING + "interests/", {"tag_ids": twice}, format="json"), 400, "validation_error")
        assert_step(client.post(ONBOARDING + "interests/", {"tag_ids": many[:10]}, format="json"), "completed")


@pytest.mark.parametrize(
    ("method", "endpoint"),
    [("get", "status/"), ("post", "start/"), ("post", "profile/"), ("post", "interests/"), ("post", "complete/")],
)
def test_unauthenticated_and_not_activated(api_client, client_for, make_account, method, endpoint):
    assert_error(getattr(api_client, method)(ONBOARDING + endpoint), 401)
    inactive = make_account("ressourcefy", email="inactive@example.com", verified=False)
    response = getattr(client_for(inactive), method)(ONBOARDING + endpoint, {}, format="json")
    assert_error(response, 403, "account_not_activated")
