"""Server-driven onboarding: not_started -start-> profile -profile-> interests -interests-> completed.

Each step is accepted only from the step before it (400 `invalid_action` otherwise), under a lock
on the profile row, so steps move forward, in order, once. `complete/` confirms a finished
onboarding and refuses an unfinished one.
"""

from django.db import transaction

from ressourcefy.exceptions import InvalidAction
from ressourcefy.models import OnboardingStep, Profile
from ressourcefy.services.accounts import PROFILE_INCOMPLETE, profile_is_complete, username_ensure_free, username_save
from ressourcefy.services.tags import live_tags_locked

STEP_ENDPOINTS = {
    OnboardingStep.NOT_STARTED: "onboarding/start/",
    OnboardingStep.PROFILE: "onboarding/profile/",
    OnboardingStep.INTERESTS: "onboarding/interests/",
    OnboardingStep.COMPLETED: "onboarding/complete/",
}


def _locked_profile(user) -> Profile:
    Profile.objects.get_or_create(user=user)
    return Profile.objects.select_for_update().get(user=user)


def _expect(profile: Profile, step: str, action: str) -> None:
    if profile.onboarding_step != step:
        raise InvalidAction(
            f"Cannot {action} at onboarding step '{profile.onboarding_step}'; "
            f"the next step is {STEP_ENDPOINTS[profile.onboarding_step]}"
        )


def _advance(user, profile: Profile, step: str) -> Profile:
    profile.onboarding_step = step
    profile.save(update_fields=["onboarding_step", "updated_at"])
    user.ressourcefy_profile = profile  # the caller's cookies read the fresh step
    return profile


def onboarding_start(*, user) -> Profile:
    with transaction.atomic():
        profile = _locked_profile(user)
        _expect(profile, OnboardingStep.NOT_STARTED, "start onboarding")
        return _advance(user, profile, OnboardingStep.PROFILE)


def onboarding_profile_submit(*, user, username: str, bio: str = "", avatar_url: str = "") -> Profile:
    """Username (unique in the realm), bio and/or avatar: a complete profile, then interests."""
    with transaction.atomic():
        profile = _locked_profile(user)
        _expect(profile, OnboardingStep.PROFILE, "submit the profile")
        username_ensure_free(username=username, user=user)
        if not profile_is_complete(username=username, bio=bio, avatar_url=avatar_url):
            raise InvalidAction(PROFILE_INCOMPLETE)
        profile.bio, profile.avatar_url = bio, avatar_url
        profile.save(update_fields=["bio", "avatar_url", "updated_at"])
        username_save(user, username)
        return _advance(user, profile, OnboardingStep.INTERESTS)


def onboarding_interests_submit(*, user, tags: list) -> Profile:
    """1 to 10 existing tags (checked by the serializer) become the profile's interests; onboarding completes."""
    with transaction.atomic():
        profile = _locked_profile(user)
        _expect(profile, OnboardingStep.INTERESTS, "submit interests")
        # Re-read under a share lock: a tag merged or deleted since the serializer saw it is refused.
        profile.interests.set(live_tags_locked(tag.pk for tag in tags))
        return _advance(user, profile, OnboardingStep.COMPLETED)


def onboarding_complete(*, user) -> Profile:
    """Confirms a completed onboarding (idempotent); any earlier step is refused."""
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    if profile.onboarding_step != OnboardingStep.COMPLETED:
        raise InvalidAction(
            f"Onboarding cannot be completed at step '{profile.onboarding_step}'; "
            f"the next step is {STEP_ENDPOINTS[profile.onboarding_step]}"
        )
    return profile
