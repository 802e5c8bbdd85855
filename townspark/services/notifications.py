"""Notifications: created for the events a user cares about, pushed live, marked read, deleted."""

import uuid

from django.db import transaction
from django.utils import timezone

from core.mail import enqueue_email
from core.realtime.publish import publish_to_user
from townspark.models import Notification, Profile
from townspark.services.accounts import settings_effective

# Which switch of the user's notification settings silences a type; unlisted types always arrive.
SETTING_FOR_TYPE = {
    Notification.Type.STATUS_UPDATE: "status_updates",
    Notification.Type.RESOLUTION: "status_updates",
    Notification.Type.COMMENT: "comments",
    Notification.Type.MENTION: "mentions",
}


# Types important enough to e-mail too (when the user keeps `notifications.email` on).
EMAIL_TYPES = {
    Notification.Type.STATUS_UPDATE,
    Notification.Type.RESOLUTION,
    Notification.Type.ASSIGNMENT,
    Notification.Type.SYSTEM,
}


def _timestamp(value) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def notification_event(notification: Notification) -> dict:
    """The documented `notification` websocket frame."""
    return {
        "type": "notification",
        "data": {
            "id": str(notification.id),
            "type": notification.type,
            "title": notification.title,
            "message": notification.message,
            "issue_id": notification.issue_id,
            "created_at": _timestamp(notification.created_at),
        },
    }


def _loaded_settings(user) -> dict | None:
    """The stored settings of a user whose profile came with it (select_related, profile_get), else None."""
    profile = getattr(user, "_townspark_profile_cache", None)
    if profile is None and type(user).townspark_profile.is_cached(user):
        profile = getattr(user, "townspark_profile", None) or Profile()  # loaded as "none": the defaults
    return None if profile is None else profile.settings


def _stored_settings(recipients: dict) -> dict:
    loaded = {user_id: _loaded_settings(user) for user_id, user in recipients.items()}
    missing = [user_id for user_id, settings in loaded.items() if settings is None]
    if missing:
        loaded.update(Profile.objects.filter(user_id__in=missing).values_list("user_id", "settings"))
    return loaded


# Namespace of the ids of keyed notifications: one id per (event key, recipient).
KEYED_NOTIFICATION_IDS = uuid.UUID("5f1c2b7e-4c1a-4c39-9d0e-7a1f3e2b9c10")


def keyed_notification_id(key: str, user_id) -> uuid.UUID:
    return uuid.uuid5(KEYED_NOTIFICATION_IDS, f"{key}:{user_id}")


def notifications_notify(
    *, users, type: str, title: str, message: str, issue=None, actor=None, key: str | None = None
) -> list[Notification]:
    """Notify each of `users` once (never the actor), honouring their notification settings.

    With a `key` naming the event (`"comment:<id>"`), each recipient's notification has an id
    derived from (key, recipient): a task that runs twice finds it there and adds, pushes and
    e-mails nothing more (the primary key refuses a concurrent second run's row).
    """
    recipients = {user.pk: user for user in users if user is not None and (actor is None or user.pk != actor.pk)}
    if key is not None and recipients:
        ids = {keyed_notification_id(key, user_id): user_id for user_id in recipients}
        for existing in Notification.objects.filter(pk__in=list(ids)).values_list("pk", flat=True):
            recipients.pop(ids[existing], None)
    if not recipients:
        return []
    settings_by_user = _stored_settings(recipients)
    now = timezone.now()
    notifications, pushes, emails = [], [], []
    for user_id, user in recipients.items():
        prefs = settings_effective(stored=settings_by_user.get(user_id))["notifications"]
        switch = SETTING_FOR_TYPE.get(type)
        if switch and not prefs.get(switch, True):
            continue
        notification = Notification(
            user=user, type=type, title=title, message=message, issue=issue, actor=actor, created_at=now
        )
        if key is not None:
            notification.id = keyed_notification_id(key, user_id)
        notifications.append(notification)
        pushes.append(bool(prefs.get("push", True)))
        emails.append(bool(prefs.get("email", True)) and type in EMAIL_TYPES and bool(user.email))
    with transaction.atomic(savepoint=False):  # the pushes and e-mails wait for the caller's commit
        Notification.objects.bulk_create(notifications, ignore_conflicts=key is not None)
        for notification, push, email in zip(notifications, pushes, emails, strict=True):
            if push:
                publish_to_user(notification.user, notification_event(notification))
            if email:
                enqueue_email(
                    subject=f"TownSpark: {notification.title}", body=notification.message, to=[notification.user.email]
                )
    return notifications


def notification_create(*, user, type: str, title: str, message: str, issue=None, actor=None) -> Notification | None:
    created = notifications_notify(users=[user], type=type, title=title, message=message, issue=issue, actor=actor)
    return created[0] if created else None


def notification_mark_read(*, notification: Notification) -> Notification:
    if not notification.read:
        notification.read = True
        notification.save(update_fields=["read"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read=False).update(read=True)


def notification_delete(*, notification: Notification) -> None:
    notification.delete()
