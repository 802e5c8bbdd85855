"""WebSocket authentication: the access token in `?token=` must belong to the realm of the product connected to."""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async

from core.accounts.authentication import access_token_user
from core.api.exceptions import InvalidToken, TokenExpired
from core.realtime.consumers import CLOSE_UNAUTHORIZED, refuse_connection


def query_token(scope) -> str:
    """The `token` query parameter of the handshake, or ""."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return (query.get("token") or [""])[0]


@database_sync_to_async
def _token_user(raw_token: str, realm: str):
    user, _token = access_token_user(raw_token, realm)
    return user


class RealmTokenAuthMiddleware:
    """Sets `scope["user"]` from the query-string token, or closes the socket with 4401.

    Expects `scope["product"]`, set by the router. Cookies are deliberately not
    read: a browser attaches them to cross-site handshakes, and only a token the
    page itself holds proves the connection comes from our frontend.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        product = scope.get("product")
        raw_token = query_token(scope)
        if product is None or not raw_token:
            return await refuse_connection(
                receive, send, code=CLOSE_UNAUTHORIZED, reason="Authentication credentials were not provided."
            )
        try:
            user = await _token_user(raw_token, product.key)
        except (InvalidToken, TokenExpired) as exc:
            return await refuse_connection(receive, send, code=CLOSE_UNAUTHORIZED, reason=str(exc.detail))
        return await self.app(dict(scope, user=user), receive, send)
