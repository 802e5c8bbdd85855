"""The request's audit context for django-auditlog: the actor, also when only a DRF view learns who it is.

auditlog's middleware takes the actor from `request.user`, which is set for session (Django admin)
requests only: JWT authentication runs later, inside the view. The view's authentication calls
`audit_actor_set`, and every log entry written while the request runs gets that actor (and, for an
impersonation token, the impersonating account in `additional_data["impersonator"]`).
"""

from contextvars import ContextVar

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings

# One fresh dict per request, reset when it ends: nothing leaks into the next request on the thread.
_request_audit: ContextVar[dict | None] = ContextVar("core_request_audit", default=None)


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware (session actor, remote address, correlation id) plus the request's audit context."""

    @staticmethod
    def _get_actor(request):
        # Without a session cookie no session names a user: every token-authenticated API request
        # skips loading an empty session and an anonymous user just to learn that (issue #16).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return AuditlogMiddleware._get_actor(request)

    def __call__(self, request):
        token = _request_audit.set({})
        try:
            return super().__call__(request)
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
    """pre_save of auditlog's LogEntry: the request's actor and impersonator, unless the entry names its own."""
    context = _request_audit.get()
    if not context:
        return
    actor = context.get("actor")
    if actor is not None and instance.actor_id is None:
        instance.actor = actor
        instance.actor_email = actor.email
    impersonator = context.get("impersonator")
    if impersonator:
        instance.additional_data = {**(instance.additional_data or {}), "impersonator": impersonator}
