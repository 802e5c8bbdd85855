"""Bookings and status changes reach the client's and the pro's notification sockets as appointment.updated."""

import pytest
from channels.db import database_sync_to_async

from alistpros.models import ProProfile
from alistpros.tests.api.test_messaging_realtime import open_socket
from alistpros.tests.api.test_scheduling import APPOINTMENTS, booking, detail

pytestmark = pytest.mark.django_db(transaction=True)


async def test_a_booking_and_its_confirmation_reach_both_parties(
    client_user, pro_user, other_client, plumbing, client_for
):
    def make_profile():
        profile = ProProfile.objects.create(user=pro_user, business_name="Elite Plumbing")
        profile.service_categories.add(plumbing)
        return profile

    profile = await database_sync_to_async(make_profile)()
    client, pro = [await database_sync_to_async(client_for)(user) for user in (client_user, pro_user)]
    sockets = [await open_socket(user) for user in (client_user, pro_user, other_client)]
    parties = sockets[:2]  # the third, other_client, is nobody in this booking

    response = await database_sync_to_async(client.post)(APPOINTMENTS, booking(profile, plumbing), format="json")
    assert response.status_code == 201
    appointment_id = response.json()["id"]
    for socket in parties:
        frame = await socket.receive_json_from(timeout=2)
        assert frame["type"] == "appointment.updated"
        assert frame["data"]["id"] == appointment_id and frame["data"]["status"] == "REQUESTED"

    response = await database_sync_to_async(pro.patch)(detail(appointment_id), {"status": "CONFIRMED"}, format="json")
    assert response.status_code == 200
    for socket in parties:
        assert (await socket.receive_json_from(timeout=2))["data"]["status"] == "CONFIRMED"

    # Notes alone change nothing the parties are told about; the outsider hears nothing at all.
    await database_sync_to_async(client.patch)(detail(appointment_id), {"notes": "Gate code 42"}, format="json")
    for socket in sockets:
        assert await socket.receive_nothing()
        await socket.disconnect()
