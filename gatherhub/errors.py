"""GatherHub's own error codes and the exceptions that carry them; the core handler formats them."""

from rest_framework import exceptions

from core.api.exceptions import Conflict


class ErrorCode:
    """Codes GatherHub adds to the platform's snake_case table (`error` in the error body)."""

    ALREADY_PARTICIPANT = "already_participant"
    EVENT_FULL = "event_full"
    NOT_PARTICIPANT = "not_participant"
    CREATOR_CANNOT_LEAVE = "creator_cannot_leave"
    ASSIGNEE_NOT_PARTICIPANT = "assignee_not_participant"
    MAX_PARTICIPANTS_TOO_LOW = "max_participants_too_low"
    ALREADY_VOTED = "already_voted"
    INVALID_OPTION = "invalid_option"
    VOTING_ENDED = "voting_ended"
    ACCOUNT_EXISTS = "account_exists"
    INVALID_CREDENTIALS = "invalid_credentials"
    ACCOUNT_DISABLED = "account_disabled"


class GatherHubError(exceptions.APIException):
    """A 400 whose body names a GatherHub error code, a plain message and optional details."""

    status_code = 400
    default_code = "bad_request"
    error_code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, details: dict | None = None):
        super().__init__(message)
        if code:
            self.error_code = code
        if details is not None:
            self.extra_details = details


class GatherHubForbidden(exceptions.PermissionDenied):
    """A 403 with a GatherHub error code."""

    def __init__(self, message: str, *, code: str = "permission_denied"):
        super().__init__(message)
        self.error_code = code


class AccountExists(Conflict):
    error_code = ErrorCode.ACCOUNT_EXISTS

    def __init__(self, message: str, *, details: dict):
        super().__init__(message)
        self.extra_details = details


class AccountDisabled(exceptions.AuthenticationFailed):
    default_detail = "This account is disabled."
    error_code = ErrorCode.ACCOUNT_DISABLED
