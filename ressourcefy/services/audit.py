"""The audit trail: which models django-auditlog records, the actor of JWT requests, and `audit_action`.

Model changes are recorded automatically (the models are registered in `audit_models_register`, called by
the app's `ready()`); an admin action worth its own line (merge, refund, role change, impersonation) calls
`audit_action` inside the action's transaction. Entries use auditlog's stock LogEntry; the API shows each
under a stable UUID derived from its id (`selectors.audit.activity_id`).
"""

import json

from auditlog import get_logentry_model
from auditlog.registry import auditlog
from auditlog.signals import pre_log
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder

from core.audit import audit_actor_set
from ressourcefy.product import PRODUCT

REALM = PRODUCT.key
# JWT claims of an impersonation token: who impersonates (core carries them over on refresh).
IMPERSONATOR_CLAIM = "impersonator"
IMPERSONATOR_EMAIL_CLAIM = "impersonator_email"


def audit_models_register() -> None:
    """Record every change to Ressourcefy's models and to the accounts of its realm.

    Left out: the outbox and its processed-event marks (infrastructure, already a log of their own) and
    access records (each one is itself a record of a read).
    """
    from ressourcefy import models as m

    if auditlog.contains(m.Resource):  # ready() may run twice in some test setups
        return
    auditlog.register(m.Profile, m2m_fields={"interests"})
    auditlog.register(m.RoleRequest)
    auditlog.register(m.Tag)
    auditlog.register(m.Resource, m2m_fields={"tags"})
    auditlog.register(m.ResourceVersion)
    auditlog.register(m.Comment)
    auditlog.register(m.CommentVote)
    auditlog.register(m.Price)
    auditlog.register(m.BillingCustomer)
    auditlog.register(m.Purchase)
    auditlog.register(m.Subscription)
    auditlog.register(m.Payment)
    User = get_user_model()
    if not auditlog.contains(User):
        auditlog.register(User, exclude_fields=["last_login"], mask_fields=["password"])
    # auditlog registers a model, not some of its rows: accounts of other realms are skipped here.
    pre_log.connect(_only_our_realm, sender=User, dispatch_uid="ressourcefy_audit_realm")


def _only_our_realm(sender, instance, **kwargs):
    return False if instance.realm != REALM else None


def audit_request_actor(user, token) -> None:
    """Called by the authentication: the request's entries name `user`, and the impersonator if any."""
    impersonator = None
    if token.get(IMPERSONATOR_CLAIM):
        impersonator = {"id": str(token[IMPERSONATOR_CLAIM]), "email": token.get(IMPERSONATOR_EMAIL_CLAIM, "")}
    audit_actor_set(user, impersonator=impersonator)


def _json_safe(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder)) if value is not None else None


def audit_action(
    *, action: str, target, description: str, before: dict | None = None, after: dict | None = None, actor=None
):
    """Record `action` (e.g. "tag.merge", "payment.refund") done to `target` by the request's actor.

    `actor` names the account outright where there is no request (a shell, a task). Before and after are
    kept as given in `additional_data` and as changed fields in `changes` (what the Django admin shows).
    """
    LogEntry = get_logentry_model()
    before, after = _json_safe(before) or {}, _json_safe(after) or {}
    changes = {
        key: [str(before.get(key)), str(after.get(key))]
        for key in sorted({*before, *after})
        if before.get(key) != after.get(key)
    }
    pk = target.pk
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        object_pk=str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr=str(target)[:500],
        action=LogEntry.Action.UPDATE,
        changes=changes,
        changes_text="",
        additional_data={"action": action, "description": description, "before": before, "after": after},
    )
    if actor is not None:
        entry.actor, entry.actor_email = actor, actor.email
    entry.save()
    return entry
