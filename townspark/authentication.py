"""JWT authentication for TownSpark: the core's realm check, then 403 ACCOUNT_SUSPENDED for suspended accounts."""

from core.accounts.authentication import RealmJWTAuthentication
from townspark.exceptions import AccountSuspended
from townspark.models import AccountStatus, Profile


def ensure_not_suspended(user) -> None:
    """Raise AccountSuspended if the account is suspended or banned."""
    suspended = Profile.objects.filter(user=user).exclude(status=AccountStatus.ACTIVE)
    row = suspended.values_list("status", "status_reason").first()
    if row is not None:
        status, reason = row
        raise AccountSuspended(f"Your account has been {status}." + (f" Reason: {reason}" if reason else ""))


class TownSparkAuthentication(RealmJWTAuthentication):
    """Every authenticated TownSpark request of a suspended account is refused, whatever the endpoint."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            ensure_not_suspended(result[0])
        return result
