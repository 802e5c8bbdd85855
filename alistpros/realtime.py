"""Live updates on /alistpros/ws/notifications/: the `{type, data, timestamp}` frames and who receives them.

Every socket of an account listens on the account's group only; each publisher
names the accounts concerned. Frames are built now, in the API's shapes, and sent
once the current transaction commits (core.realtime.publish), so a rolled-back
write pushes nothing.
"""

from datetime import UTC

from core.api.envelopes import utc_timestamp
from core.payments.money import format_amount
from core.realtime.consumers import user_group
from core.realtime.publish import publish_to_group

REALM = "alistpros"


class EventType:
    MESSAGE_NEW = "message.new"
    APPOINTMENT_UPDATED = "appointment.updated"
    # The spec's planned event name; sent when a payment succeeds.
    PAYMENT_COMPLETED = "payment.completed"


def frame(event_type: str, data: dict) -> dict:
    return {"type": event_type, "data": data, "timestamp": utc_timestamp()}


def to_accounts(account_ids, payload: dict) -> None:
    """Send `payload` to every open socket of each account (A-List ids), after the transaction commits."""
    for account_id in sorted(set(account_ids)):
        publish_to_group(user_group(REALM, account_id), payload)


# --- Frame data: the API's representations as plain dicts -------------------------


def iso(value) -> str | None:
    """Datetimes as the API writes them: UTC, whole seconds, `Z`."""
    if value is None:
        return None
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def person_data(user) -> dict:
    return {"id": user.public_id, "name": user.name}


def message_data(message, *, read_by: list[int]) -> dict:
    """The API's message: `{id, sender {id, name}, content, read_by, created_at}`."""
    return {
        "id": message.pk,
        "sender": person_data(message.sender),
        "content": message.content,
        "read_by": read_by,
        "created_at": iso(message.created_at),
    }


# --- Publishers ---------------------------------------------------------------------


def message_new_publish(*, message) -> None:
    """`message.new` to the conversation's other participants: the message and its `conversation_id`.

    A just-sent message has been read by its sender only.
    """
    recipients = message.conversation.participants.exclude(pk=message.sender_id).values_list("pk", flat=True)
    data = {**message_data(message, read_by=[message.sender.public_id]), "conversation_id": message.conversation_id}
    to_accounts(recipients, frame(EventType.MESSAGE_NEW, data))


def appointment_updated_publish(*, appointment) -> None:
    """`appointment.updated` to the client and the pro: `{id, status, appointment_date, start_time, end_time}`."""
    data = {
        "id": appointment.pk,
        "status": appointment.status,
        "appointment_date": appointment.appointment_date.isoformat(),
        "start_time": appointment.start_time.isoformat(),
        "end_time": appointment.end_time.isoformat(),
    }
    to_accounts([appointment.client_id, appointment.contractor.user_id], frame(EventType.APPOINTMENT_UPDATED, data))


def payment_succeeded_publish(*, payment) -> None:
    """`payment.completed` to the payment's client and pro: `{id, amount, status}`, the amount as "150.00"."""
    data = {"id": payment.pk, "amount": format_amount(payment.amount, payment.currency), "status": payment.status}
    to_accounts([payment.client_id, payment.alistpro.user_id], frame(EventType.PAYMENT_COMPLETED, data))
