"""JWT authentication for TownSpark: the core's realm check, then 403 ACCOUNT_SUSPENDED for suspended accounts."""

from core.accounts.authentication import RealmJWTAuthentication
from townspark.exceptions import AccountSuspended
from townspark.models import Profile


def ensure_not_suspended(user) -> None:
    """Raise AccountSuspended if the account is suspended or banned."""
    profile = Profile.objects.filter(user=user).only("status", "status_reason").first()
    if profile is not None and profile.is_suspended:
        raise AccountSuspended(
            f"Your account has been {profile.status}."
            + (f" Reason: {profile.status_reason}" if profile.status_reason else "")
        )


class TownSparkAuthentication(RealmJWTAuthentication):
    """Every authenticated TownSpark request of a suspended account is refused, whatever the endpoint."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            ensure_not_suspended(result[0])
        return result
