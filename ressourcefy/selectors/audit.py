"""Reads of the audit trail: a user's activity and the recent activity of Ressourcefy, as activity rows."""

import uuid

from auditlog import get_logentry_model
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, OuterRef, Q, QuerySet, Subquery, When

from ressourcefy.product import PRODUCT

REALM = PRODUCT.key
# The API's ids of entries: stable UUIDs derived from auditlog's integer ids (the stock LogEntry is kept).
ACTIVITY_NAMESPACE = uuid.UUID("6f1d3c8e-2a4b-5c6d-8e9f-0a1b2c3d4e5f")
ACTION_NAMES = {0: "CREATE", 1: "UPDATE", 2: "DELETE", 3: "ACCESS"}


def activity_id(entry_pk: int) -> uuid.UUID:
    return uuid.uuid5(ACTIVITY_NAMESPACE, f"auditlog.LogEntry:{entry_pk}")


def _entries() -> QuerySet:
    """Entries with what a row shows loaded in the same query: the type, and a user target's UUID."""
    User = get_user_model()
    user_uuid = Subquery(User.objects.filter(pk=OuterRef("object_id")).values("uuid")[:1])
    user_type = ContentType.objects.get_for_model(User)
    return (
        get_logentry_model()
        .objects.select_related("content_type", "actor")
        .annotate(target_user_uuid=Case(When(content_type=user_type, then=user_uuid), default=None))
        .order_by("-timestamp", "-pk")
    )


def _ours() -> Q:
    """Entries about Ressourcefy's models, or about accounts of its realm."""
    User = get_user_model()
    user_type = ContentType.objects.get_for_model(User)
    realm_users = User.objects.filter(realm=REALM).values("pk")
    return Q(content_type__app_label="ressourcefy") | Q(content_type=user_type, object_id__in=realm_users)


def audit_entries_recent(*, limit: int) -> list:
    """The newest entries of Ressourcefy (the dashboard's activity feed)."""
    return list(_entries().filter(_ours())[:limit])


def audit_entries_of_user(*, user, limit: int) -> list:
    """What `user` did (as actor, or while impersonating someone) and what was done to the account."""
    user_type = ContentType.objects.get_for_model(get_user_model())
    done_by = Q(actor=user) | Q(additional_data__impersonator__id=str(user.uuid))
    done_to = Q(content_type=user_type, object_id=user.pk)
    return list(_entries().filter(done_by | done_to)[:limit])


def activity_row(entry) -> dict:
    """One entry as the document's activity item (plus who acted and, if any, who impersonated)."""
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    model = entry.content_type.model_class() if entry.content_type_id else None
    entity_name = model.__name__ if model is not None else entry.content_type.model.title()
    object_id = str(entry.target_user_uuid) if getattr(entry, "target_user_uuid", None) else entry.object_pk
    action = data.get("action") or ACTION_NAMES.get(entry.action, str(entry.action))
    # auditlog copies the actor's e-mail when it records; entries written without it still name their actor.
    actor_email = entry.actor_email or (entry.actor.email if entry.actor_id else None)
    description = data.get("description") or f"{actor_email or 'system'} {action} {entity_name} {object_id}"
    return {
        "id": activity_id(entry.pk),
        "timestamp": entry.timestamp,
        "actor_email": actor_email,
        "impersonator_email": (data.get("impersonator") or {}).get("email") or None,
        "action": action,
        "entity_name": entity_name,
        "object_id": object_id,
        "description": description,
    }
