"""Messaging endpoints: conversations (list, start) and messages (list marking read, send)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alistpros.models import Conversation, Message
from alistpros.services.messaging import conversation_create, message_send
from alistpros.tests.conftest import API, assert_error

CONVERSATIONS = API + "messaging/conversations/"

pytestmark = pytest.mark.django_db


def messages_url(conversation) -> str:
    return f"{CONVERSATIONS}{conversation if isinstance(conversation, int) else conversation.pk}/messages/"


def start(creator, *others, title="Plumbing Project Discussion") -> Conversation:
    return conversation_create(creator=creator, participants=list(others), title=title)


def readers(message) -> list[int]:
    return sorted(message.read_by.values_list("pk", flat=True))


@pytest.fixture
def chat(client_user, pro_user):
    return start(client_user, pro_user)


# --- GET conversations ------------------------------------------------------------


def test_list_shows_own_conversations_latest_activity_first_in_the_documented_shape(
    client_for, client_user, pro_user, other_client
):
    older = start(client_user, pro_user, title="Older")
    newer = start(client_user, other_client, title="Newer")
    start(pro_user, other_client, title="Not mine")
    message = message_send(conversation=older, sender=pro_user, content="I can start the project next Monday.")

    response = client_for(client_user).get(CONVERSATIONS)

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 2
    assert [c["id"] for c in body["results"]] == [older.pk, newer.pk]  # the message moved `older` to the top
    first = body["results"][0]
    assert set(first) == {"id", "participants", "title", "last_message", "updated_at"}
    assert first["title"] == "Older"
    assert first["participants"] == [
        {"id": client_user.pk, "name": "Carla Tester", "role": "client"},
        {"id": pro_user.pk, "name": "Pat Tester", "role": "contractor"},
    ]
    message.refresh_from_db()
    assert first["last_message"] == {
        "id": message.pk,
        "sender": {"id": pro_user.pk, "name": "Pat Tester"},
        "content": "I can start the project next Monday.",
        "created_at": message.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    assert body["results"][1]["last_message"] is None


def test_last_message_is_the_latest_one(client_for, chat, client_user, pro_user):
    message_send(conversation=chat, sender=client_user, content="first")
    last = message_send(conversation=chat, sender=pro_user, content="second")
    result = client_for(client_user).get(CONVERSATIONS).json()["results"][0]
    assert result["last_message"]["id"] == last.pk and result["last_message"]["content"] == "second"


def test_list_is_paginated(client_for, client_user, pro_user):
    for n in range(3):
        start(client_user, pro_user, title=f"Job {n}")
    body = client_for(client_user).get(CONVERSATIONS, {"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]


def test_list_query_count_is_flat_in_page_size(client_for, client_user, pro_user, other_client):
    for n in range(6):
        conversation = start(client_user, pro_user, other_client, title=f"Job {n}")
        message_send(conversation=conversation, sender=pro_user, content=f"hello {n}")
    client = client_for(client_user)
    counts = []
    for size in (2, 6):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(CONVERSATIONS, {"page_size": size})
        assert response.status_code == 200 and len(response.json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_list_needs_authentication(api_client):
    assert_error(api_client.get(CONVERSATIONS), 401)


def test_list_refuses_a_token_of_another_product(make_account, client_for):
    outsider = make_account("gatherhub", email="gh@example.com", username="gh")
    assert_error(client_for(outsider).get(CONVERSATIONS), 401)


# --- POST conversations -----------------------------------------------------------


def test_create_adds_the_caller_and_answers_with_the_shape(client_for, client_user, pro_user):
    response = client_for(client_user).post(
        CONVERSATIONS, {"participants": [pro_user.pk], "title": "Kitchen Renovation Project"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    conversation = Conversation.objects.get(pk=body["id"])
    assert set(conversation.participants.values_list("pk", flat=True)) == {client_user.pk, pro_user.pk}
    assert body["title"] == "Kitchen Renovation Project"
    assert [p["id"] for p in body["participants"]] == sorted([client_user.pk, pro_user.pk])
    assert body["last_message"] is None
    assert set(body) == {"id", "participants", "title", "last_message", "updated_at"}


def test_create_ignores_the_caller_and_duplicates_in_participants(client_for, client_user, pro_user):
    response = client_for(client_user).post(
        CONVERSATIONS, {"participants": [client_user.pk, pro_user.pk, pro_user.pk]}, format="json"
    )
    assert response.status_code == 201, response.content
    assert len(response.json()["participants"]) == 2
    assert response.json()["title"] == ""


@pytest.mark.parametrize(
    "participants",
    [[], "abc", [True], ["x"], [10**30], [{"id": 1}]],
    ids=["empty", "not-a-list", "boolean", "text", "huge", "object"],
)
def test_create_refuses_malformed_participants(client_for, client_user, participants):
    body = assert_error(client_for(client_user).post(CONVERSATIONS, {"participants": participants}, format="json"), 400)
    assert "participants" in body["details"]


def test_create_refuses_unknown_and_foreign_accounts(client_for, client_user, pro_user, make_account):
    foreign = make_account("townspark", email="ts@example.com")
    client = client_for(client_user)
    for ids in ([pro_user.pk, 987654], [foreign.pk]):
        body = assert_error(client.post(CONVERSATIONS, {"participants": ids}, format="json"), 400)
        assert "participants" in body["details"]
    assert not Conversation.objects.exists()


def test_create_refuses_inactive_accounts(client_for, client_user, pro_user):
    pro_user.is_active = False
    pro_user.save(update_fields=["is_active"])
    body = assert_error(
        client_for(client_user).post(CONVERSATIONS, {"participants": [pro_user.pk]}, format="json"), 400
    )
    assert "participants" in body["details"]


def test_create_needs_someone_else(client_for, client_user):
    body = assert_error(
        client_for(client_user).post(CONVERSATIONS, {"participants": [client_user.pk]}, format="json"), 400
    )
    assert "participants" in body["details"]
    assert not Conversation.objects.exists()


def test_create_caps_participants_before_looking_them_up(client_for, client_user, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client_for(client_user).post(CONVERSATIONS, {"participants": list(range(1, 5000))}, format="json")
    body = assert_error(response, 400)
    assert "participants" in body["details"]


def test_create_refuses_a_long_title(client_for, client_user, pro_user):
    response = client_for(client_user).post(
        CONVERSATIONS, {"participants": [pro_user.pk], "title": "x" * 201}, format="json"
    )
    assert "title" in assert_error(response, 400)["details"]


def test_create_needs_authentication(api_client, pro_user):
    assert_error(api_client.post(CONVERSATIONS, {"participants": [pro_user.pk]}, format="json"), 401)


@pytest.mark.parametrize("role", ["client", "contractor", "crew", "specialist", "admin"])
def test_every_role_may_start_a_conversation(client_for, account, pro_user, role):
    caller = account(role, "caller")
    response = client_for(caller).post(CONVERSATIONS, {"participants": [pro_user.pk]}, format="json")
    assert response.status_code == 201, response.content


# --- GET messages -------------------------------------------------------------------


def test_messages_oldest_first_and_marked_read_by_the_caller(client_for, chat, client_user, pro_user):
    first = message_send(conversation=chat, sender=client_user, content="Hi, I'm interested in your plumbing services.")
    second = message_send(conversation=chat, sender=pro_user, content="Hello! What kind of plumbing work?")
    assert readers(second) == [pro_user.pk]

    response = client_for(client_user).get(messages_url(chat))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    assert [m["id"] for m in body["results"]] == [first.pk, second.pk]
    both = sorted([client_user.pk, pro_user.pk])
    first.refresh_from_db()
    assert body["results"][0] == {
        "id": first.pk,
        "sender": {"id": client_user.pk, "name": "Carla Tester"},
        "content": "Hi, I'm interested in your plumbing services.",
        "read_by": [client_user.pk],
        "created_at": first.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    # The listing shows read_by as it is after the listing: the caller has now read the pro's message.
    assert body["results"][1]["read_by"] == both
    assert readers(second) == both
    assert readers(first) == [client_user.pk]


def test_listing_marks_only_the_returned_page_read(client_for, chat, client_user, pro_user):
    sent = [message_send(conversation=chat, sender=pro_user, content=f"m{n}") for n in range(3)]
    body = client_for(client_user).get(messages_url(chat), {"page_size": 2}).json()
    assert [m["id"] for m in body["results"]] == [sent[0].pk, sent[1].pk]
    assert [client_user.pk in readers(m) for m in sent] == [True, True, False]


def test_listing_twice_reads_once(client_for, chat, client_user, pro_user):
    message = message_send(conversation=chat, sender=pro_user, content="hello")
    client = client_for(client_user)
    client.get(messages_url(chat))
    second = client.get(messages_url(chat)).json()
    assert second["results"][0]["read_by"] == sorted([client_user.pk, pro_user.pk])
    assert Message.read_by.through.objects.filter(message=message).count() == 2


def test_messages_query_count_is_flat_in_page_size(client_for, client_user, pro_user, other_client):
    conversation = start(pro_user, client_user, other_client)
    for n in range(6):
        message_send(conversation=conversation, sender=pro_user, content=f"m{n}")
    counts = []
    # Two readers with nothing read yet: both listings mark their page read.
    for reader, size in ((client_user, 2), (other_client, 6)):
        with CaptureQueriesContext(connection) as queries:
            response = client_for(reader).get(messages_url(conversation), {"page_size": size})
        assert len(response.json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_messages_hidden_from_non_participants(client_for, chat, client_user, pro_user, other_client, admin_user):
    message_send(conversation=chat, sender=pro_user, content="private quote")
    for outsider in (other_client, admin_user):
        response = client_for(outsider).get(messages_url(chat))
        assert_error(response, 404)
        assert b"private quote" not in response.content


def test_messages_of_a_missing_conversation_are_404(client_for, client_user):
    client = client_for(client_user)
    assert_error(client.get(messages_url(987654)), 404)
    assert_error(client.get(messages_url(2**63)), 404)  # past the database's integers: still just not found


def test_messages_need_authentication(api_client, chat):
    assert_error(api_client.get(messages_url(chat)), 401)


# --- POST messages ------------------------------------------------------------------


def test_send_answers_with_the_message_read_by_the_sender_and_moves_the_conversation(
    client_for, chat, client_user, pro_user
):
    Conversation.objects.filter(pk=chat.pk).update(updated_at=timezone.now() - timedelta(days=1))
    response = client_for(pro_user).post(
        messages_url(chat), {"content": "I need help with a leaky faucet in my kitchen."}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    message = Message.objects.get(pk=body["id"])
    assert body == {
        "id": message.pk,
        "sender": {"id": pro_user.pk, "name": "Pat Tester"},
        "content": "I need help with a leaky faucet in my kitchen.",
        "read_by": [pro_user.pk],
        "created_at": message.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    assert readers(message) == [pro_user.pk]
    chat.refresh_from_db()
    assert chat.updated_at == message.created_at


@pytest.mark.parametrize("content", ["", "   ", None, "x" * 5001], ids=["empty", "blank", "null", "too-long"])
def test_send_refuses_bad_content(client_for, chat, client_user, content):
    response = client_for(client_user).post(messages_url(chat), {"content": content}, format="json")
    assert "content" in assert_error(response, 400)["details"]
    assert not Message.objects.exists()


def test_send_refuses_a_missing_body_field(client_for, chat, client_user):
    assert (
        "content" in assert_error(client_for(client_user).post(messages_url(chat), {}, format="json"), 400)["details"]
    )


def test_send_by_a_non_participant_is_404_and_writes_nothing(client_for, chat, other_client):
    assert_error(client_for(other_client).post(messages_url(chat), {"content": "let me in"}, format="json"), 404)
    assert not Message.objects.exists()


def test_send_to_a_missing_conversation_is_404(client_for, client_user):
    assert_error(client_for(client_user).post(messages_url(987654), {"content": "hi"}, format="json"), 404)


def test_send_needs_authentication(api_client, chat):
    assert_error(api_client.post(messages_url(chat), {"content": "hi"}, format="json"), 401)
    assert not Message.objects.exists()
