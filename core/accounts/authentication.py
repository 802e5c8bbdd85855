"""DRF authentication: a Bearer (or cookie) JWT accepted only by the product realm that issued it."""

import time
from functools import cache, lru_cache

from django.contrib.auth import get_user_model
from django.utils.module_loading import import_string
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import ExpiredTokenError, TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken

from core.accounts.tokens import REALM_CLAIM
from core.api.exceptions import InvalidToken, TokenExpired
from core.compiled_queries import CompiledQuery
from core.products.registry import id_style_of, request_product

EXPIRY_CLAIM = "exp"


def access_token_user(raw_token: str, realm: str, *, select_related: tuple[str, ...] = ()):
    """The active user of `realm` named by a valid access token, or InvalidToken/TokenExpired.

    Shared by HTTP authentication and the WebSocket middleware. `select_related` names
    relations (a product's profile) to load in the same query.
    """
    try:
        token = _checked_access_token(raw_token)
    except ExpiredTokenError as exc:
        raise TokenExpired("Token has expired.") from exc
    except TokenError as exc:
        raise InvalidToken("Token is invalid.") from exc
    # As PyJWT checks it, for a token whose signature was checked by an earlier request.
    if token[EXPIRY_CLAIM] <= time.time() - token.get_token_backend().get_leeway().total_seconds():
        raise TokenExpired("Token has expired.")
    if not realm or token.get(REALM_CLAIM) != realm:
        raise InvalidToken("Token is invalid for this service.")
    style = id_style_of(realm)
    try:
        public_id = style.parse(token.get(api_settings.USER_ID_CLAIM))
    except (TypeError, ValueError):
        raise InvalidToken("User not found or inactive.") from None
    users = _account_lookup(style.user_field, select_related).fetch(realm=realm, public_id=public_id)
    if not users or not users[0].is_active:
        raise InvalidToken("User not found or inactive.")
    return users[0], token


@lru_cache(maxsize=4096)
def _checked_access_token(raw_token: str) -> AccessToken:
    """The access token, its signature and claims checked once per process and token (issue #16).

    A client sends the same token with every request until it expires, and decoding it (base64,
    JSON, HMAC, claims) cost more than the account lookup after it. The same string is the same
    signed token, so what was checked still holds, except expiry, which the caller checks on each
    use. Refused tokens are not kept (an exception is never cached). The account is still read on
    every request: a deactivated account loses access at once.
    """
    return AccessToken(raw_token)


@cache
def _account_lookup(user_field: str, select_related: tuple[str, ...]) -> CompiledQuery:
    """The token's account by realm and public id (unique together), compiled once: it runs on every request."""
    User = get_user_model()
    return CompiledQuery(
        lambda realm, public_id: User.objects.select_related(*select_related).filter(
            realm=realm, **{user_field: public_id}
        )
    )


class RealmJWTAuthentication(JWTAuthentication):
    """Reads the token from `Authorization: Bearer`, or from the product's HttpOnly cookie if it has one.

    A product's subclass may name relations to load with the user (`user_select_related`),
    so a profile every request reads costs no query of its own.
    """

    user_select_related: tuple[str, ...] = ()

    def __init__(self):
        # Not JWTAuthentication's, which looks the user model up for each instance, i.e. each request
        # (issue #16): access_token_user reads the account itself, and user_model answers when asked.
        pass

    @property
    def user_model(self):
        return get_user_model()

    def authenticate(self, request):
        product = request_product(request)
        header = self.get_header(request)
        if header is not None:
            raw_token = self.get_raw_token(header)
        elif product is not None and product.cookie_transport is not None:
            raw_token = request.COOKIES.get(product.cookie_transport.access_cookie)
        else:
            raw_token = None
        if not raw_token:
            return None
        if isinstance(raw_token, bytes):
            raw_token = raw_token.decode("latin-1")
        return access_token_user(raw_token, product.key if product else "", select_related=self.user_select_related)


_authentication_class = cache(import_string)


class ProductAuthentication(RealmJWTAuthentication):
    """The default authentication: the product's own class when it declares one, else the realm JWT.

    Lets a product change how every one of its views authenticates (Ressourcefy's CSRF check for
    cookie-authenticated requests) without each view naming the class.
    """

    def authenticate(self, request):
        product = request_product(request)
        if product is not None and product.authentication:
            return _authentication_class(product.authentication)().authenticate(request)
        return super().authenticate(request)
