"""The request's audit context for django-auditlog: the actor, also when only a DRF view learns who it is.

auditlog's middleware takes the actor from `request.user`, which is set for session (Django admin)
requests only: JWT authentication runs later, inside the view. The view's authentication calls
`audit_actor_set`, and every log entry written while the request runs gets that actor (and, for an
impersonation token, the impersonating account in `additional_data["impersonator"]`).

What auditlog's middleware records of a request (the session's actor, the client's address and
port, the correlation id) is recorded here too, by one `pre_save` receiver connected at start-up
(`log_entry_fill`): auditlog's own middleware connects a receiver and disconnects it again on every
request, which took the signal's lock twice and emptied its receiver cache each time, about 3% of
a light read's CPU (issue #16).
"""

from contextvars import ContextVar

from auditlog.cid import set_cid
from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.contrib.auth import get_user_model

# One fresh dict per request, reset when it ends: nothing leaks into the next request on the thread.
_request_audit: ContextVar[dict | None] = ContextVar("core_request_audit", default=None)


class AuditMiddleware(AuditlogMiddleware):
    """What auditlog's middleware records (session actor, address, port, correlation id), and the audit context."""

    @staticmethod
    def _get_actor(request):
        # Without a session cookie no session names a user: every token-authenticated API request
        # skips loading an empty session and an anonymous user just to learn that (issue #16).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return AuditlogMiddleware._get_actor(request)

    def __call__(self, request):
        set_cid(request)
        # The address and port are read from the request when an entry is written (few requests write
        # one); the session's actor is taken now, as auditlog's middleware takes it, before the view runs.
        token = _request_audit.set({"session_actor": self._get_actor(request), "request": request})
        try:
            return self.get_response(request)
        finally:
            _request_audit.reset(token)


def audit_actor_set(user, *, impersonator: dict | None = None) -> None:
    """Name the account acting in this request (no effect outside one, e.g. in a Celery task)."""
    context = _request_audit.get()
    if context is None:
        return
    context["actor"] = user
    context["impersonator"] = impersonator


def audit_impersonator() -> dict | None:
    """The impersonating account (`{id, email}`) of this request, if its token was an impersonation token."""
    context = _request_audit.get()
    return context.get("impersonator") if context else None


def log_entry_fill(sender, instance, **kwargs) -> None:
    """pre_save of auditlog's LogEntry: the request's actor (the token's, else the session's), its address and
    port, and the impersonator, unless the entry names its own actor."""
    context = _request_audit.get()
    if not context:
        return
    actor = context.get("actor")
    if actor is not None and instance.actor_id is None:
        instance.actor = actor
        instance.actor_email = actor.email
    session_actor = context.get("session_actor")
    if isinstance(session_actor, get_user_model()) and instance.actor is None:  # as auditlog's middleware
        instance.actor = session_actor
        instance.actor_email = getattr(session_actor, "email", None)
    request = context["request"]
    instance.remote_addr = AuditMiddleware._get_remote_addr(request)
    instance.remote_port = AuditMiddleware._get_remote_port(request)
    impersonator = context.get("impersonator")
    if impersonator:
        instance.additional_data = {**(instance.additional_data or {}), "impersonator": impersonator}
