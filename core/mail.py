"""Outgoing e-mail: rendered in the request, sent by a Celery task once the transaction commits."""

from django.db import transaction


def enqueue_email(*, subject: str, body: str, to: list[str], html: str | None = None) -> None:
    from core.tasks import send_email

    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to, html=html))
