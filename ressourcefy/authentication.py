"""Ressourcefy's authentication: Bearer header or `access_token` cookie, CSRF-checked when it is the cookie.

Also the four documented cookies (`access_token`, `refresh_token` HttpOnly; `activated`,
`onboarding_step` readable by the frontend's middleware) and the `csrftoken` cookie a browser
client echoes in `X-CSRFToken`.
"""

from django.middleware.csrf import get_token
from rest_framework.authentication import CSRFCheck

from core.accounts.authentication import RealmJWTAuthentication
from core.accounts.tokens import TokenPair
from ressourcefy.api.permissions import onboarding_step_of
from ressourcefy.exceptions import CsrfFailed
from ressourcefy.product import PRODUCT
from ressourcefy.services.audit import audit_request_actor

TRANSPORT = PRODUCT.cookie_transport
ACTIVATED_COOKIE = "activated"
ONBOARDING_COOKIE = "onboarding_step"
STATE_MAX_AGE = int(TRANSPORT.refresh_max_age.total_seconds())  # "30 days for others"


def enforce_csrf(request) -> None:
    """Django's CSRF check (csrftoken cookie == X-CSRFToken header, Origin/Referer on HTTPS) for unsafe methods."""

    def no_response(_request):  # the check never calls the view
        return None

    django_request = getattr(request, "_request", request)
    check = CSRFCheck(no_response)
    check.process_request(django_request)
    reason = check.process_view(django_request, None, (), {})
    if reason:
        raise CsrfFailed(f"CSRF Failed: {reason}")


class RessourcefyAuthentication(RealmJWTAuthentication):
    """The realm JWT from the header or the cookie; a cookie on an unsafe method must pass the CSRF check.

    A Bearer header cannot be sent by another site's form, so Bearer requests skip the check.
    """

    user_select_related = ("ressourcefy_profile",)

    def authenticate(self, request):
        from_header = self.get_header(request) is not None
        result = super().authenticate(request)
        if result is not None:
            if not from_header:
                enforce_csrf(request)
            audit_request_actor(*result)
        return result


def _cookie(request, response, name: str, value: str, *, max_age: int, httponly: bool) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=httponly,
        secure=request.is_secure(),
        samesite=TRANSPORT.samesite,
    )


def set_state_cookies(request, response, user) -> None:
    """`activated` ("true"/"false") and `onboarding_step`, readable by JS; plus the csrftoken cookie."""
    activated = "true" if user.is_verified else "false"
    _cookie(request, response, ACTIVATED_COOKIE, activated, max_age=STATE_MAX_AGE, httponly=False)
    _cookie(request, response, ONBOARDING_COOKIE, onboarding_step_of(user), max_age=STATE_MAX_AGE, httponly=False)
    # Marks the request so CsrfViewMiddleware sets (or keeps) the JS-readable csrftoken cookie.
    get_token(getattr(request, "_request", request))


def set_token_cookies(request, response, pair: TokenPair) -> None:
    """HttpOnly `access_token` (7 days) and `refresh_token` (30 days)."""
    _cookie(
        request,
        response,
        TRANSPORT.access_cookie,
        pair.access,
        max_age=int(TRANSPORT.access_max_age.total_seconds()),
        httponly=True,
    )
    _cookie(
        request,
        response,
        TRANSPORT.refresh_cookie,
        pair.refresh,
        max_age=int(TRANSPORT.refresh_max_age.total_seconds()),
        httponly=True,
    )


def set_session_cookies(request, response, user, pair: TokenPair) -> None:
    """All four documented cookies, as at login."""
    set_token_cookies(request, response, pair)
    set_state_cookies(request, response, user)


def clear_session_cookies(response) -> None:
    """Expire all four cookies (logout)."""
    for name in (TRANSPORT.access_cookie, TRANSPORT.refresh_cookie, ACTIVATED_COOKIE, ONBOARDING_COOKIE):
        response.delete_cookie(name, path="/", samesite=TRANSPORT.samesite)
