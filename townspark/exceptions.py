"""TownSpark's own API errors, carrying the documented error codes (mapped by the core handler)."""

from rest_framework import exceptions

from core.api.exceptions import Conflict


class AccountSuspended(exceptions.PermissionDenied):
    default_detail = "Your account has been suspended."
    default_code = "account_suspended"
    error_code = "ACCOUNT_SUSPENDED"


class ResolverNotVerified(exceptions.PermissionDenied):
    default_detail = "Your resolver account is pending verification."
    default_code = "resolver_not_verified"
    error_code = "RESOLVER_NOT_VERIFIED"


class DuplicateEntry(Conflict):
    error_code = "DUPLICATE_ENTRY"
