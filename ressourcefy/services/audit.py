"""The audit trail's one entry point for actions that are not plain model saves (merges, refunds, role changes).

Model changes themselves are recorded automatically (the models are registered with django-auditlog);
an admin action worth its own line calls `audit_action` inside the action's transaction.
"""


def audit_action(*, action: str, target, description: str, before: dict | None = None, after: dict | None = None):
    """Record `action` (e.g. "tag.merge", "payment.refund") done to `target` by the request's actor."""
    raise NotImplementedError("The audit trail lands with the admin users area (issue #14).")
