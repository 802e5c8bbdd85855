"""Celery tasks of the payments core: handling a stored webhook event."""

from celery import shared_task

from core.payments.webhooks import webhook_event_handle


@shared_task
def webhook_event_handle_task(event_pk: int) -> str:
    """Handle one stored event; running it twice (a redelivered task) has the effect of running it once."""
    return webhook_event_handle(event_pk=event_pk)
