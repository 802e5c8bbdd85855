"""JWT authentication for TownSpark: the core's realm check, then 403 ACCOUNT_SUSPENDED for suspended accounts."""

from core.accounts.authentication import RealmJWTAuthentication
from townspark.exceptions import AccountSuspended
from townspark.models import AccountStatus, Profile


def ensure_not_suspended(user) -> None:
    """Raise AccountSuspended if the account is suspended or banned (an account without a profile is active)."""
    try:
        profile = user.townspark_profile  # loaded with the user by TownSparkAuthentication, else one query
    except Profile.DoesNotExist:
        return
    if profile.status != AccountStatus.ACTIVE:
        reason = profile.status_reason
        raise AccountSuspended(f"Your account has been {profile.status}." + (f" Reason: {reason}" if reason else ""))


class TownSparkAuthentication(RealmJWTAuthentication):
    """Every authenticated TownSpark request of a suspended account is refused, whatever the endpoint."""

    user_select_related = ("townspark_profile",)

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            ensure_not_suspended(result[0])
        return result
