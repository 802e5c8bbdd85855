"""Account reads: the `user/me/` view of an account, with its profile fields or nulls when it has none."""

from ressourcefy.api.permissions import onboarding_step_of
from ressourcefy.models import Profile


def user_me(*, user) -> dict:
    """The document's `user/me/` data; `activated` and `onboarding_step` are the authoritative values."""
    try:
        profile = user.ressourcefy_profile
    except Profile.DoesNotExist:
        profile = None
    return {
        "id": user.uuid,
        "email": user.email,
        "username": (user.username or None) if profile is not None else None,
        "bio": profile.bio if profile is not None else None,
        "avatar_url": (profile.avatar_url or None) if profile is not None else None,  # no URL is null, not ""
        "activated": user.is_verified,
        "onboarding_step": onboarding_step_of(user),
        "createdAt": user.date_joined,
    }


def session_user(*, user) -> dict:
    """The `user` object of the login answer."""
    return {
        "id": user.uuid,
        "email": user.email,
        "username": user.username,
        "activated": user.is_verified,
        "onboarding_step": onboarding_step_of(user),
    }
