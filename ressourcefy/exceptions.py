"""Ressourcefy's documented error codes as API errors, rendered `{error: {code, message}}` by core's handler."""

from rest_framework import exceptions, status

from core.api.exceptions import UnprocessableEntity


class InvalidAction(exceptions.APIException):
    """400 `invalid_action`: a request the rules forbid (taken username, a step out of order, a wrong price)."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "This action is not allowed."
    default_code = "invalid_action"


class EmailAlreadyUsed(UnprocessableEntity):
    default_detail = "This e-mail address is already in use."
    default_code = "email_already_used"


class AccountNotActivated(exceptions.PermissionDenied):
    default_detail = "Please activate your account via email before logging in"
    default_code = "account_not_activated"


class OnboardingIncomplete(exceptions.PermissionDenied):
    default_detail = "Complete your onboarding first."
    default_code = "onboarding_incomplete"


class InvalidCredentials(exceptions.APIException):
    """401 `invalid_credentials` at login (not AuthenticationFailed: no token was involved)."""

    status_code = status.HTTP_401_UNAUTHORIZED
    default_detail = "Invalid email or password"
    default_code = "invalid_credentials"


class InvalidActivationToken(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Invalid or expired activation token"
    default_code = "invalid_token"


class InvalidResetToken(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Invalid or expired password reset token"
    default_code = "invalid_reset_token"


class CsrfFailed(exceptions.PermissionDenied):
    """403 `csrf_failed`: a cookie-authenticated unsafe request without a matching X-CSRFToken header."""

    default_detail = "CSRF Failed: send the csrftoken cookie's value in the X-CSRFToken header."
    default_code = "csrf_failed"


class PremiumRequired(exceptions.PermissionDenied):
    """403 `premium_required`: a premium resource for someone who neither bought it nor subscribes."""

    default_detail = "This resource requires a premium subscription or its purchase."
    default_code = "premium_required"


class AlreadyVoted(UnprocessableEntity):
    """422 `already_voted`: the same vote again (changing it is allowed)."""

    default_detail = "You have already cast this vote on this comment."
    default_code = "already_voted"


class DeletedContent(exceptions.PermissionDenied):
    """403 `deleted_content`: voting on a deleted comment."""

    default_detail = "Cannot vote on deleted content."
    default_code = "deleted_content"


class InvalidRole(exceptions.APIException):
    """400 `invalid_role`: set_role with a role that does not exist."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Invalid role. Must be one of: SUPERADMIN, ADMIN, MODERATOR, CONTRIBUTOR, USER"
    default_code = "invalid_role"


class LastSuperadmin(exceptions.APIException):
    """400 `last_superadmin`: demoting, deactivating or deleting the only active SUPERADMIN."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Cannot demote the last superadmin. Create another superadmin first."
    default_code = "last_superadmin"
