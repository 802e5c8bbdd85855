"""DRF authentication: a Bearer (or cookie) JWT accepted only by the product realm that issued it."""

from functools import cache

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.module_loading import import_string
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import ExpiredTokenError, TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import AccessToken

from core.accounts.tokens import REALM_CLAIM
from core.api.exceptions import InvalidToken, TokenExpired
from core.products.registry import request_product


def access_token_user(raw_token: str, realm: str, *, select_related: tuple[str, ...] = ()):
    """The active user of `realm` named by a valid access token, or InvalidToken/TokenExpired.

    Shared by HTTP authentication and the WebSocket middleware. `select_related` names
    relations (a product's profile) to load in the same query.
    """
    try:
        token = AccessToken(raw_token)
    except ExpiredTokenError as exc:
        raise TokenExpired("Token has expired.") from exc
    except TokenError as exc:
        raise InvalidToken("Token is invalid.") from exc
    if not realm or token.get(REALM_CLAIM) != realm:
        raise InvalidToken("Token is invalid for this service.")
    User = get_user_model()
    try:
        # get(), not first(): no ORDER BY on the hottest query of every request.
        users = User.objects.select_related(*select_related) if select_related else User.objects
        user = users.by_public_id(realm, token.get(api_settings.USER_ID_CLAIM)).get()
    except (User.DoesNotExist, ValueError, DjangoValidationError):
        raise InvalidToken("User not found or inactive.") from None
    if not user.is_active:
        raise InvalidToken("User not found or inactive.")
    return user, token


class RealmJWTAuthentication(JWTAuthentication):
    """Reads the token from `Authorization: Bearer`, or from the product's HttpOnly cookie if it has one.

    A product's subclass may name relations to load with the user (`user_select_related`),
    so a profile every request reads costs no query of its own.
    """

    user_select_related: tuple[str, ...] = ()

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
