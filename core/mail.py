"""Outgoing e-mail: rendered in the request, sent by a Celery task once the transaction commits."""

from django.db import transaction


def enqueue_email(*, subject: str, body: str, to: list[str], html: str | None = None) -> None:
    from core.tasks import send_email

    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to, html=html))


def enqueue_emails(messages: list[dict]) -> None:
    """Several messages (each `enqueue_email`'s arguments) in one task after commit, then sent and retried one by one.

    A write's side effects are one task on its request path (issue #16); the worker fans them out.
    """
    from core.tasks import send_emails

    if messages:
        transaction.on_commit(lambda: send_emails.delay(messages=messages))
