"""The notifications websocket end to end: token auth, message.new over HTTP, the appointment and payment pushes."""

import importlib
from datetime import date, time

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.apps import apps
from django.db import transaction

from alistpros.models import Appointment, Payment, ProProfile, ServiceCategory
from alistpros.realtime import appointment_updated_publish, payment_succeeded_publish
from alistpros.services.messaging import conversation_create
from alistpros.tests.conftest import API
from config.asgi import application
from core.accounts.tokens import token_pair_for_user

pytestmark = pytest.mark.django_db(transaction=True)

WS = "/alistpros/ws/notifications/"


@pytest.fixture
def categories():
    """Transactional tests flush the database, data migrations included: seed the categories again."""
    importlib.import_module("alistpros.migrations.0002_service_categories").add_categories(apps, None)
    return ServiceCategory.objects.get(name="Plumbing")


async def open_socket(user) -> WebsocketCommunicator:
    token = await database_sync_to_async(lambda: token_pair_for_user(user).access)()
    communicator = WebsocketCommunicator(application, f"{WS}?token={token}")
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def assert_refused(path: str) -> None:
    communicator = WebsocketCommunicator(application, path)
    connected, _ = await communicator.connect()
    assert connected  # accepted, then closed with the application code the client can read
    assert (await communicator.receive_output())["code"] == 4401


async def test_refused_without_a_token():
    await assert_refused(WS)


async def test_refused_with_a_bad_token():
    await assert_refused(f"{WS}?token=not-a-token")


async def test_refused_with_a_token_of_another_product(make_account):
    outsider = await database_sync_to_async(make_account)("gatherhub", email="gh@example.com", username="gh")
    token = await database_sync_to_async(lambda: token_pair_for_user(outsider).access)()
    await assert_refused(f"{WS}?token={token}")


async def test_ping(client_user):
    socket = await open_socket(client_user)
    await socket.send_json_to({"type": "ping"})
    reply = await socket.receive_json_from(timeout=2)
    assert reply["type"] == "pong" and set(reply) == {"type", "data", "timestamp"}
    await socket.send_to(text_data="{not json")  # ignored, the socket stays open
    await socket.send_json_to({"type": "ping"})
    assert (await socket.receive_json_from(timeout=2))["type"] == "pong"
    await socket.disconnect()


async def test_message_sent_over_http_reaches_the_other_participants_only(
    client_for, client_user, pro_user, other_pro_user, other_client
):
    conversation = await database_sync_to_async(conversation_create)(
        creator=client_user, participants=[pro_user, other_pro_user], title="Kitchen"
    )
    sender_socket = await open_socket(client_user)
    pro_socket, other_pro_socket = await open_socket(pro_user), await open_socket(other_pro_user)
    outsider_socket = await open_socket(other_client)

    client = await database_sync_to_async(client_for)(client_user)
    response = await database_sync_to_async(client.post)(
        f"{API}messaging/conversations/{conversation.pk}/messages/", {"content": "Can you come Monday?"}, format="json"
    )
    assert response.status_code == 201, response.content

    for socket in (pro_socket, other_pro_socket):
        frame = await socket.receive_json_from(timeout=2)
        assert set(frame) == {"type", "data", "timestamp"}
        assert frame["type"] == "message.new"
        assert frame["data"] == {**response.json(), "conversation_id": conversation.pk}
        assert frame["data"]["read_by"] == [client_user.pk]
    assert await outsider_socket.receive_nothing()
    assert await sender_socket.receive_nothing()
    for socket in (sender_socket, pro_socket, other_pro_socket, outsider_socket):
        await socket.disconnect()


async def test_a_rolled_back_send_pushes_nothing(client_user, pro_user):
    from alistpros.services.messaging import message_send

    conversation = await database_sync_to_async(conversation_create)(creator=client_user, participants=[pro_user])
    pro_socket = await open_socket(pro_user)

    def send_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            message_send(conversation=conversation, sender=client_user, content="never sent")
            raise RuntimeError

    await database_sync_to_async(send_then_fail)()
    assert await pro_socket.receive_nothing()
    await pro_socket.disconnect()


def make_appointment(client_user, pro_profile, category) -> Appointment:
    return Appointment.objects.create(
        client=client_user,
        contractor=pro_profile,
        service_category=category,
        appointment_date=date(2024, 2, 1),
        start_time=time(9, 0),
        end_time=time(11, 30),
        status="CONFIRMED",
    )


async def test_appointment_update_reaches_the_client_and_the_pro(client_user, pro_user, other_client, categories):
    profile = await database_sync_to_async(ProProfile.objects.create)(user=pro_user, business_name="Elite Plumbing")
    appointment = await database_sync_to_async(make_appointment)(client_user, profile, categories)
    sockets = [await open_socket(user) for user in (client_user, pro_user, other_client)]

    def publish_in_a_transaction():
        with transaction.atomic():
            appointment_updated_publish(appointment=appointment)

    await database_sync_to_async(publish_in_a_transaction)()
    for socket in sockets[:2]:
        frame = await socket.receive_json_from(timeout=2)
        assert frame["type"] == "appointment.updated"
        assert frame["data"] == {
            "id": appointment.pk,
            "status": "CONFIRMED",
            "appointment_date": "2024-02-01",
            "start_time": "09:00:00",
            "end_time": "11:30:00",
        }
    assert await sockets[2].receive_nothing()
    for socket in sockets:
        await socket.disconnect()


async def test_payment_success_reaches_the_client_and_the_pro(client_user, pro_user, other_client):
    profile = await database_sync_to_async(ProProfile.objects.create)(user=pro_user, business_name="Elite Plumbing")
    payment = await database_sync_to_async(Payment.objects.create)(
        client=client_user, alistpro=profile, amount=15000, status="completed"
    )
    sockets = [await open_socket(user) for user in (client_user, pro_user, other_client)]

    await database_sync_to_async(payment_succeeded_publish)(payment=payment)
    for socket in sockets[:2]:
        frame = await socket.receive_json_from(timeout=2)
        assert frame["type"] == "payment.completed"
        assert frame["data"] == {"id": payment.pk, "amount": "150.00", "status": "completed"}
    assert await sockets[2].receive_nothing()
    for socket in sockets:
        await socket.disconnect()


async def test_publishing_waits_for_the_commit(client_user, pro_user):
    profile = await database_sync_to_async(ProProfile.objects.create)(user=pro_user, business_name="Elite Plumbing")
    payment = await database_sync_to_async(Payment.objects.create)(client=client_user, alistpro=profile, amount=999)
    socket = await open_socket(client_user)

    def publish_then_roll_back():
        with pytest.raises(RuntimeError), transaction.atomic():
            payment_succeeded_publish(payment=payment)
            raise RuntimeError

    await database_sync_to_async(publish_then_roll_back)()
    assert await socket.receive_nothing()
    await socket.disconnect()
