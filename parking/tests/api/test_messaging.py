"""Messaging endpoints: conversations (list, start, messages) and messages (send, read, delete)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parking.models import Booking, Conversation, Listing, Message
from parking.services.messaging import conversation_start, message_send
from parking.tests import conftest
from parking.tests.conftest import API, assert_error

CONVERSATIONS = API + "messages/conversations/"
SEND = API + "messages/send/"

pytestmark = pytest.mark.django_db


# The garage these conversations are about (conftest.make_listing with its own defaults).
GARAGE = {
    "title": "Covered garage",
    "address": "450 Post St",
    "latitude": 37.78,
    "longitude": -122.40,
    "price_per_hour": 450,
    "price_per_day": 2800,
    "spot_type": "GARAGE",
}


def make_listing(host, **fields) -> Listing:
    return conftest.make_listing(host, **{**GARAGE, **fields})


@pytest.fixture
def listing(host):
    return make_listing(host)


@pytest.fixture
def chat(seeker, listing):
    return conversation_start(seeker=seeker, listing=listing)[0]


@pytest.fixture
def outsider(parking_account):
    return parking_account("SEEKER", "olga")


def message_url(message) -> str:
    return f"{API}messages/{message if isinstance(message, int) else message.pk}/"


# --- GET conversations ---------------------------------------------------------------


def test_list_shows_own_conversations_by_last_activity_with_last_message_and_unread_count(
    client_for, seeker, host, both, listing
):
    older = conversation_start(seeker=seeker, listing=listing)[0]
    newer = conversation_start(seeker=seeker, listing=make_listing(host, title="Driveway"))[0]
    conversation_start(seeker=both, listing=listing)  # not the seeker's
    message_send(conversation=older, sender=seeker, content="Hi")
    message_send(conversation=older, sender=host, content="Sure, it's free.")
    last = message_send(conversation=older, sender=host, content="Gate code 1234.")

    response = client_for(seeker).get(CONVERSATIONS)

    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["count"] == 2
    assert [c["id"] for c in data["results"]] == [older.pk, newer.pk]
    first = data["results"][0]
    assert set(first) == {
        "id", "listing", "booking", "seeker", "host", "last_message", "unread_count", "created_at", "last_activity_at"
    }  # fmt: skip
    assert first["listing"] == {"id": listing.pk, "title": "Covered garage"}
    assert first["booking"] is None
    assert first["seeker"] == {"id": seeker.pk, "name": seeker.name}
    assert first["host"] == {"id": host.pk, "name": host.name}
    assert first["last_message"]["content"] == "Gate code 1234."
    assert first["last_message"]["id"] == last.pk
    assert first["unread_count"] == 2  # the host's two; the seeker's own never count
    assert data["results"][1]["last_message"] is None and data["results"][1]["unread_count"] == 0

    host_view = client_for(host).get(CONVERSATIONS).json()["data"]
    assert host_view["count"] == 3
    assert {c["id"]: c["unread_count"] for c in host_view["results"]}[older.pk] == 1


def test_list_query_count_is_flat_in_page_size(client_for, seeker, host):
    for n in range(6):
        conversation = conversation_start(seeker=seeker, listing=make_listing(host, title=f"Spot {n}"))[0]
        message_send(conversation=conversation, sender=host, content=f"hello {n}")
    client = client_for(seeker)
    counts = []
    for size in (2, 6):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CONVERSATIONS, {"page_size": size})
        assert len(response.json()["data"]["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_list_needs_authentication(api_client):
    assert_error(api_client.get(CONVERSATIONS), 401)


# --- POST conversations --------------------------------------------------------------


def test_seeker_starts_a_conversation_with_a_first_message(client_for, seeker, host, listing):
    response = client_for(seeker).post(CONVERSATIONS, {"listing": listing.pk, "message": "Free on Saturday?"})

    assert response.status_code == 201, response.content
    data = response.json()["data"]
    conversation = Conversation.objects.get()
    assert data["id"] == conversation.pk
    assert (conversation.seeker, conversation.host, conversation.listing) == (seeker, host, listing)
    assert data["last_message"]["content"] == "Free on Saturday?"
    assert data["last_message"]["sender"] == {"id": seeker.pk, "name": seeker.name}
    assert data["unread_count"] == 0


def test_asking_again_returns_the_existing_conversation(client_for, seeker, listing, chat):
    response = client_for(seeker).post(CONVERSATIONS, {"listing": listing.pk})
    assert response.status_code == 200, response.content
    assert response.json()["data"]["id"] == chat.pk
    assert Conversation.objects.count() == 1


def test_a_host_cannot_start_one_about_their_own_listing(client_for, both):
    own = make_listing(both)
    assert_error(client_for(both).post(CONVERSATIONS, {"listing": own.pk}), 400)
    assert not Conversation.objects.exists()


def test_a_host_only_account_cannot_start_one(client_for, host, parking_account):
    other_listing = make_listing(parking_account("HOST", "henry"))
    body = assert_error(client_for(host).post(CONVERSATIONS, {"listing": other_listing.pk}), 403)
    assert body["message"] == "Only seekers (SEEKER or BOTH accounts) can start a conversation."
    assert not Conversation.objects.exists()


def make_booking(listing, guest, hours_ahead: int = 48) -> Booking:
    start = (timezone.now() + timedelta(hours=hours_ahead)).replace(second=0, microsecond=0)
    return Booking.objects.create(
        listing=listing, guest=guest, start_time=start, end_time=start + timedelta(hours=2), total_price=900
    )


def test_the_host_writes_to_a_guest_about_their_booking(client_for, seeker, host, listing):
    booking = make_booking(listing, seeker)
    response = client_for(host).post(CONVERSATIONS, {"booking": booking.pk, "message": "Gate code is 4411."})

    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert data["booking"] == {
        "id": booking.pk,
        "status": "PENDING",
        "start_time": booking.start_time.isoformat().replace("+00:00", "Z"),
        "end_time": booking.end_time.isoformat().replace("+00:00", "Z"),
    }
    assert (data["seeker"]["id"], data["host"]["id"], data["listing"]["id"]) == (seeker.pk, host.pk, listing.pk)
    assert data["last_message"]["sender"]["id"] == host.pk


def test_a_booking_continues_the_guests_conversation_about_the_listing(client_for, seeker, listing, chat):
    booking = make_booking(listing, seeker)
    response = client_for(seeker).post(CONVERSATIONS, {"booking": booking.pk})

    assert response.status_code == 200, response.content
    assert response.json()["data"]["id"] == chat.pk
    assert response.json()["data"]["booking"]["id"] == booking.pk
    later = make_booking(listing, seeker, hours_ahead=96)
    client_for(seeker).post(CONVERSATIONS, {"booking": later.pk})
    chat.refresh_from_db()
    assert (Conversation.objects.count(), chat.booking_id) == (1, later.pk)
    listed = client_for(seeker).get(CONVERSATIONS).json()["data"]["results"]
    assert [row["booking"]["id"] for row in listed] == [later.pk]


def test_conversations_about_a_listing_have_no_booking(client_for, seeker, chat):
    assert client_for(seeker).get(CONVERSATIONS).json()["data"]["results"][0]["booking"] is None


def test_only_the_bookings_guest_and_host_write_about_it(client_for, seeker, listing, outsider, parking_account):
    booking = make_booking(listing, seeker)
    for stranger in (outsider, parking_account("HOST", "henry")):
        body = assert_error(client_for(stranger).post(CONVERSATIONS, {"booking": booking.pk}), 400)
        assert "booking" in body["errors"]
    assert not Conversation.objects.exists()


@pytest.mark.parametrize("body", [{"booking": 999999}, {"booking": 0}, {"booking": "x"}, {"listing": 1, "booking": 1}])
def test_start_about_a_booking_validation(client_for, seeker, body):
    assert_error(client_for(seeker).post(CONVERSATIONS, body), 400)
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"listing": "x"},
        {"listing": 0},
        {"listing": 2**63},
        {"listing": 999999},
        {"listing": 1, "message": "x" * 5001},
    ],
)
def test_start_validation(client_for, seeker, body):
    assert_error(client_for(seeker).post(CONVERSATIONS, body), 400)


def test_inactive_or_deleted_listings_cannot_be_asked_about(client_for, seeker, host):
    from django.utils import timezone

    for listing in (make_listing(host, is_active=False), make_listing(host, deleted_at=timezone.now())):
        assert_error(client_for(seeker).post(CONVERSATIONS, {"listing": listing.pk}), 400)


def test_start_needs_authentication(api_client, listing):
    assert_error(api_client.post(CONVERSATIONS, {"listing": listing.pk}), 401)


# --- GET conversations/{id}/ ---------------------------------------------------------


def test_messages_oldest_first_paginated_for_both_participants(client_for, seeker, host, chat):
    sent = [
        message_send(conversation=chat, sender=who, content=f"m{n}") for n, who in enumerate([seeker, host, seeker])
    ]

    for user in (seeker, host):
        response = client_for(user).get(f"{CONVERSATIONS}{chat.pk}/", {"page_size": 2})
        assert response.status_code == 200, response.content
        data = response.json()["data"]
        assert data["count"] == 3 and data["next"]
        assert [m["id"] for m in data["results"]] == [sent[0].pk, sent[1].pk]
    assert data["results"][1] == {
        "id": sent[1].pk,
        "conversation": chat.pk,
        "sender": {"id": host.pk, "name": host.name},
        "content": "m1",
        "is_read": False,
        "read_at": None,
        "is_deleted": False,
        "created_at": sent[1].created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def test_messages_query_count_is_flat_in_page_size(client_for, seeker, host, chat):
    for n in range(6):
        message_send(conversation=chat, sender=host if n % 2 else seeker, content=f"m{n}")
    client = client_for(seeker)
    counts = []
    for size in (2, 6):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{CONVERSATIONS}{chat.pk}/", {"page_size": size})
        assert len(response.json()["data"]["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_messages_of_others_are_404(client_for, outsider, admin, chat):
    message_send(conversation=chat, sender=chat.seeker, content="secret")
    for user in (outsider, admin):
        body = assert_error(client_for(user).get(f"{CONVERSATIONS}{chat.pk}/"), 404)
        assert "secret" not in str(body)


def test_messages_of_a_missing_conversation_are_404(client_for, seeker):
    assert_error(client_for(seeker).get(f"{CONVERSATIONS}999999/"), 404)
    assert_error(client_for(seeker).get(f"{CONVERSATIONS}{2**64}/"), 404)


def test_messages_need_authentication(api_client, chat):
    assert_error(api_client.get(f"{CONVERSATIONS}{chat.pk}/"), 401)


# --- POST send -----------------------------------------------------------------------


def test_either_participant_sends_and_the_conversation_moves_up(client_for, seeker, host, chat, listing):
    other = conversation_start(seeker=seeker, listing=make_listing(host, title="Later"))[0]
    response = client_for(host).post(SEND, {"conversation": chat.pk, "content": "  Welcome!  "})

    assert response.status_code == 201, response.content
    data = response.json()["data"]
    message = Message.objects.get()
    assert data["id"] == message.pk and data["content"] == "Welcome!" and data["sender"]["id"] == host.pk
    order = [c["id"] for c in client_for(seeker).get(CONVERSATIONS).json()["data"]["results"]]
    assert order == [chat.pk, other.pk]


@pytest.mark.parametrize("content", ["", "   ", "x" * 5001, None])
def test_send_validation(client_for, seeker, chat, content):
    assert_error(client_for(seeker).post(SEND, {"conversation": chat.pk, "content": content}), 400)
    assert not Message.objects.exists()


def test_send_accepts_5000_characters(client_for, seeker, chat):
    assert client_for(seeker).post(SEND, {"conversation": chat.pk, "content": "x" * 5000}).status_code == 201


def test_send_to_a_conversation_of_others_or_missing_is_404(client_for, outsider, chat):
    assert_error(client_for(outsider).post(SEND, {"conversation": chat.pk, "content": "hi"}), 404)
    assert_error(client_for(outsider).post(SEND, {"conversation": 999999, "content": "hi"}), 404)
    assert not Message.objects.exists()


def test_send_needs_authentication(api_client, chat):
    assert_error(api_client.post(SEND, {"conversation": chat.pk, "content": "hi"}), 401)


# --- PUT read ------------------------------------------------------------------------


def test_the_recipient_marks_a_message_read_once(client_for, seeker, host, chat):
    message = message_send(conversation=chat, sender=seeker, content="hi")
    response = client_for(host).put(f"{message_url(message)}read/")

    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["is_read"] is True and data["read_at"]
    message.refresh_from_db()
    first_read = message.read_at
    assert client_for(host).put(f"{message_url(message)}read/").status_code == 200
    message.refresh_from_db()
    assert message.read_at == first_read
    assert client_for(seeker).get(CONVERSATIONS).json()["data"]["results"][0]["unread_count"] == 0


def test_the_sender_cannot_mark_their_own_message_read(client_for, seeker, chat):
    message = message_send(conversation=chat, sender=seeker, content="hi")
    assert_error(client_for(seeker).put(f"{message_url(message)}read/"), 403)
    message.refresh_from_db()
    assert message.read_at is None


def test_read_by_others_or_missing_is_404(client_for, outsider, seeker, chat):
    message = message_send(conversation=chat, sender=seeker, content="hi")
    assert_error(client_for(outsider).put(f"{message_url(message)}read/"), 404)
    assert_error(client_for(outsider).put(f"{message_url(999999)}read/"), 404)


def test_read_needs_authentication(api_client, seeker, chat):
    message = message_send(conversation=chat, sender=seeker, content="hi")
    assert_error(api_client.put(f"{message_url(message)}read/"), 401)


# --- DELETE --------------------------------------------------------------------------


def test_the_sender_deletes_their_message_softly(client_for, seeker, host, chat):
    message = message_send(conversation=chat, sender=seeker, content="wrong gate code")
    response = client_for(seeker).delete(message_url(message))

    assert response.status_code == 204, response.content
    message.refresh_from_db()
    assert message.deleted_at is not None and message.content == ""
    shown = client_for(host).get(f"{CONVERSATIONS}{chat.pk}/").json()["data"]["results"][0]
    assert shown["content"] == "This message was deleted." and shown["is_deleted"] is True
    listed = client_for(host).get(CONVERSATIONS).json()["data"]["results"][0]
    assert listed["unread_count"] == 0
    assert client_for(seeker).delete(message_url(message)).status_code == 204  # again: nothing changes


def test_the_recipient_cannot_delete(client_for, seeker, host, chat):
    message = message_send(conversation=chat, sender=seeker, content="keep")
    assert_error(client_for(host).delete(message_url(message)), 403)
    message.refresh_from_db()
    assert message.deleted_at is None and message.content == "keep"


def test_delete_by_others_or_missing_is_404(client_for, outsider, seeker, chat):
    message = message_send(conversation=chat, sender=seeker, content="keep")
    assert_error(client_for(outsider).delete(message_url(message)), 404)
    assert_error(client_for(outsider).delete(message_url(999999)), 404)


def test_delete_needs_authentication(api_client, seeker, chat):
    message = message_send(conversation=chat, sender=seeker, content="keep")
    assert_error(api_client.delete(message_url(message)), 401)
