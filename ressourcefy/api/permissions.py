"""The document's permission classes: roles of the Ressourcefy realm, activation and finished onboarding."""

from rest_framework.permissions import BasePermission, IsAuthenticated

from core.api.permissions import IsProductAdmin, has_role
from ressourcefy.exceptions import AccountNotActivated, OnboardingIncomplete
from ressourcefy.models import OnboardingStep
from ressourcefy.models.roles import CONTRIBUTOR_ROLES, STAFF_ROLES, SUPERADMIN

IsAdmin = IsProductAdmin
IsSuperAdmin = has_role(SUPERADMIN)
IsContributor = has_role(*CONTRIBUTOR_ROLES)
IsStaff = has_role(*STAFF_ROLES)

IsContributor.message = "Only contributors (CONTRIBUTOR, MODERATOR, ADMIN, SUPERADMIN) can do this."
IsStaff.message = "Only moderators and administrators can do this."
IsSuperAdmin.message = "Only super administrators can do this."


def onboarding_step_of(user) -> str:
    """The account's onboarding step (an account without a profile has not started)."""
    profile = getattr(user, "ressourcefy_profile", None)
    return profile.onboarding_step if profile is not None else OnboardingStep.NOT_STARTED


class IsActivated(BasePermission):
    """The account activated its e-mail (403 `account_not_activated` otherwise)."""

    def has_permission(self, request, view):
        if request.user and request.user.is_authenticated and not request.user.is_verified:
            raise AccountNotActivated()
        return True


class IsOnboardingComplete(BasePermission):
    """The account finished onboarding (403 `onboarding_incomplete` otherwise)."""

    def has_permission(self, request, view):
        if (
            request.user
            and request.user.is_authenticated
            and onboarding_step_of(request.user) != OnboardingStep.COMPLETED
        ):
            raise OnboardingIncomplete()
        return True


# The two gates most views name: a finished, activated member of the library, and an administrator.
SIGNED_IN = [IsAuthenticated, IsActivated, IsOnboardingComplete]
ADMINS = [IsAuthenticated, IsActivated, IsAdmin]
