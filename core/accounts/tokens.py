"""JWTs that carry their realm and the lifetimes of their product; rotation and logout blacklisting."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from rest_framework_simplejwt.exceptions import ExpiredTokenError, TokenError
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.utils import datetime_from_epoch

from core.api.exceptions import InvalidToken, TokenExpired
from core.products.registry import get_product

REALM_CLAIM = "realm"
# Claims a product adds to a pair (an impersonation token's impersonator) and a refresh keeps.
CARRIED_CLAIMS = ("impersonator", "impersonator_email")


class RealmRefreshToken(RefreshToken):
    """A refresh token bound to one product realm, with that product's lifetimes."""

    @classmethod
    def for_user(cls, user) -> "RealmRefreshToken":
        product = get_product(user.realm)
        if product is None:
            raise TokenError("Accounts outside an enabled product realm cannot hold API tokens.")
        token = cls()
        token.set_exp(from_time=token.current_time, lifetime=product.refresh_lifetime)
        # The id the product's API shows for this account, so a client reading the claim sees the same id.
        public_id = user.public_id
        token[api_settings.USER_ID_CLAIM] = public_id if isinstance(public_id, int) else str(public_id)
        token[REALM_CLAIM] = user.realm
        OutstandingToken.objects.create(
            user=user,
            jti=token[api_settings.JTI_CLAIM],
            token=str(token),
            created_at=token.current_time,
            expires_at=datetime_from_epoch(token["exp"]),
        )
        return token

    @property
    def access_token(self):
        access = super().access_token
        product = get_product(self.get(REALM_CLAIM, ""))
        if product is not None:
            # Both claims from the refresh token's clock, so exp - iat is exactly the lifetime.
            access.set_iat(at_time=self.current_time)
            access.set_exp(from_time=self.current_time, lifetime=product.access_lifetime)
        return access


class RealmTokenObtainPairSerializer(TokenObtainPairSerializer):
    """dj-rest-auth's hook for minting tokens at login: realm-bound tokens."""

    token_class = RealmRefreshToken

    @classmethod
    def get_token(cls, user):
        return RealmRefreshToken.for_user(user)


@dataclass(frozen=True)
class TokenPair:
    access: str
    refresh: str


def token_pair_for_user(user, *, claims: dict | None = None) -> TokenPair:
    """A fresh pair; `claims` (of CARRIED_CLAIMS) go into both tokens and survive rotation."""
    refresh = RealmRefreshToken.for_user(user)
    for name, value in (claims or {}).items():
        refresh[name] = value
    return TokenPair(access=str(refresh.access_token), refresh=str(refresh))


def _load_refresh(raw: str, realm: str) -> RealmRefreshToken:
    try:
        # Checks signature, expiry, token type and the blacklist.
        token = RealmRefreshToken(raw)
    except ExpiredTokenError as exc:
        raise TokenExpired("Refresh token has expired.") from exc
    except TokenError as exc:
        raise InvalidToken("Refresh token is invalid or has been revoked.") from exc
    if token.get(REALM_CLAIM) != realm:
        raise InvalidToken("Refresh token is invalid or has been revoked.")
    return token


def refresh_token_rotate(*, raw_refresh: str, realm: str) -> TokenPair:
    """Exchange a refresh token for a new pair; the old one is blacklisted exactly once.

    The outstanding-token row is locked so that two concurrent refreshes of one
    token cannot both succeed.
    """
    token = _load_refresh(raw_refresh, realm)
    User = get_user_model()
    with transaction.atomic():
        outstanding = (
            # order_by() drops the model's ordering by user, an outer join FOR UPDATE refuses.
            OutstandingToken.objects.select_for_update().filter(jti=token[api_settings.JTI_CLAIM]).order_by().first()
        )
        if outstanding is None or BlacklistedToken.objects.filter(token=outstanding).exists():
            raise InvalidToken("Refresh token is invalid or has been revoked.")
        user = User.objects.by_public_id(realm, token[api_settings.USER_ID_CLAIM]).filter(is_active=True).first()
        if user is None:
            raise InvalidToken("Refresh token is invalid or has been revoked.")
        try:
            with transaction.atomic():
                BlacklistedToken.objects.create(token=outstanding)
        except IntegrityError as exc:  # SQLite has no row locks: the unique row decides the race
            raise InvalidToken("Refresh token is invalid or has been revoked.") from exc
        carried = {name: token[name] for name in CARRIED_CLAIMS if token.get(name)}
        return token_pair_for_user(user, claims=carried)


def refresh_token_revoke(*, raw_refresh: str, realm: str, user=None) -> None:
    """Blacklist a refresh token of this realm (logout); a revoked token is refused like an invalid one.

    With `user`, only that user's own token can be revoked.
    """
    token = _load_refresh(raw_refresh, realm)
    if user is not None and str(token.get(api_settings.USER_ID_CLAIM)) != str(user.public_id):
        raise InvalidToken("Refresh token is invalid or has been revoked.")
    outstanding = OutstandingToken.objects.filter(jti=token[api_settings.JTI_CLAIM]).first()
    if outstanding is None:
        raise InvalidToken("Refresh token is invalid or has been revoked.")
    BlacklistedToken.objects.get_or_create(token=outstanding)
