"""Celery tasks of the core: e-mail delivery."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(self, *, subject: str, body: str, to: list[str], html: str | None = None) -> None:
    """Deliver one message through the backend EMAIL_URL names; a retry resends at most this message."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@shared_task
def send_emails(*, messages: list[dict]) -> None:
    """One `send_email` task per message (each retried on its own), for the e-mails a request queued together."""
    for message in messages:
        send_email.delay(**message)
