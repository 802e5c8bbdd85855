"""Availability slots API: listing and filtering, pros managing their own slots, overlaps refused."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alistpros.models import AvailabilitySlot, ProProfile
from alistpros.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db

SLOTS = API + "scheduling/availability-slots/"


def slot_url(slot) -> str:
    return f"{SLOTS}{slot.pk}/"


def make_slot(profile, *, day=1, start="09:00", end="17:00", recurring=True) -> AvailabilitySlot:
    return AvailabilitySlot.objects.create(
        contractor=profile, day_of_week=day, start_time=start, end_time=end, is_recurring=recurring
    )


class TestList:
    def test_everyone_authenticated_sees_slots_filtered_by_pro(
        self, client_for, client_user, pro_profile, other_pro_profile
    ):
        mine = make_slot(pro_profile)
        theirs = make_slot(other_pro_profile, day=2)
        client = client_for(client_user)
        body = client.get(SLOTS).json()
        assert body["count"] == 2 and [s["id"] for s in body["results"]] == [mine.pk, theirs.pk]
        assert body["results"][0] == {
            "id": mine.pk,
            "contractor": {"id": pro_profile.pk, "business_name": "Elite Plumbing Services"},
            "day_of_week": 1,
            "start_time": "09:00:00",
            "end_time": "17:00:00",
            "is_recurring": True,
            "created_at": body["results"][0]["created_at"],
        }
        filtered = client.get(SLOTS + f"?contractor={other_pro_profile.pk}").json()
        assert [s["id"] for s in filtered["results"]] == [theirs.pk]

    @pytest.mark.parametrize("query", ["?contractor=abc", "?contractor=0", f"?contractor={10**30}"])
    def test_bad_filter_is_400(self, client_for, client_user, query):
        assert "contractor" in assert_error(client_for(client_user).get(SLOTS + query), 400)["details"]

    def test_unauthenticated_is_401(self, api_client):
        assert_error(api_client.get(SLOTS), 401)

    def test_query_count_is_flat_in_page_size(self, client_for, client_user, account, pro_profile):
        for index in range(12):
            pro = account("contractor", f"pro{index}")
            make_slot(ProProfile.objects.create(user=pro, business_name=f"Pro {index}"), day=index % 7)
        client = client_for(client_user)
        counts = []
        for size in (2, 12):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(SLOTS + f"?page_size={size}")
            assert len(response.json()["results"]) == size
            counts.append(len(queries.captured_queries))
        assert counts[0] == counts[1]

    def test_detail_and_404(self, client_for, client_user, pro_profile):
        slot = make_slot(pro_profile)
        client = client_for(client_user)
        assert client.get(slot_url(slot)).json()["id"] == slot.pk
        assert_error(client.get(SLOTS + "999999/"), 404)


class TestCreate:
    def test_pro_adds_a_slot(self, client_for, pro_user, pro_profile):
        data = {"day_of_week": 1, "start_time": "09:00:00", "end_time": "17:00:00", "is_recurring": True}
        response = client_for(pro_user).post(SLOTS, data, format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["contractor"] == {"id": pro_profile.pk, "business_name": "Elite Plumbing Services"}
        assert (body["day_of_week"], body["start_time"], body["end_time"]) == (1, "09:00:00", "17:00:00")
        assert AvailabilitySlot.objects.get(pk=body["id"]).contractor == pro_profile

    def test_is_recurring_defaults_to_true(self, client_for, pro_user, pro_profile):
        data = {"day_of_week": 6, "start_time": "09:00:00", "end_time": "10:00:00"}
        assert client_for(pro_user).post(SLOTS, data, format="json").json()["is_recurring"] is True

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"day_of_week": 7}, "day_of_week"),
            ({"day_of_week": -1}, "day_of_week"),
            ({"end_time": "06:00:00"}, "end_time"),
            ({"end_time": "05:00:00"}, "end_time"),
            ({"start_time": "nine"}, "start_time"),
            ({"start_time": "12:00:00", "end_time": "13:00:00"}, "start_time"),  # inside the existing slot
            ({"start_time": "07:00:00", "end_time": "18:00:00"}, "start_time"),  # around it
        ],
    )
    def test_invalid_or_overlapping_slot_is_400(self, client_for, pro_user, pro_profile, fields, field):
        make_slot(pro_profile, day=1)
        data = {"day_of_week": 1, "start_time": "06:00:00", "end_time": "07:00:00", **fields}
        response = client_for(pro_user).post(SLOTS, data, format="json")
        assert field in assert_error(response, 400)["details"]
        assert AvailabilitySlot.objects.count() == 1

    def test_adjacent_slots_and_other_days_are_fine(self, client_for, pro_user, pro_profile, other_pro_profile):
        make_slot(pro_profile, day=1)
        make_slot(other_pro_profile, day=1, start="06:00", end="20:00")  # another pro's slots do not count
        client = client_for(pro_user)
        for data in (
            {"day_of_week": 1, "start_time": "17:00:00", "end_time": "19:00:00"},
            {"day_of_week": 1, "start_time": "07:00:00", "end_time": "09:00:00"},
            {"day_of_week": 2, "start_time": "09:00:00", "end_time": "17:00:00"},
        ):
            assert client.post(SLOTS, data, format="json").status_code == 201

    @pytest.mark.parametrize("user", ["client_user", "admin_user"])
    def test_non_pros_are_403(self, request, client_for, user):
        data = {"day_of_week": 1, "start_time": "09:00:00", "end_time": "17:00:00"}
        assert_error(client_for(request.getfixturevalue(user)).post(SLOTS, data, format="json"), 403)
        assert not AvailabilitySlot.objects.exists()

    def test_pro_without_a_profile_is_403(self, client_for, pro_user):
        data = {"day_of_week": 1, "start_time": "09:00:00", "end_time": "17:00:00"}
        body = assert_error(client_for(pro_user).post(SLOTS, data, format="json"), 403)
        assert "profile" in body["error"]

    def test_unauthenticated_is_401(self, api_client):
        assert_error(api_client.post(SLOTS, {}, format="json"), 401)


class TestChange:
    def test_owner_updates_their_slot(self, client_for, pro_user, pro_profile):
        slot = make_slot(pro_profile)
        response = client_for(pro_user).patch(
            slot_url(slot), {"end_time": "12:00:00", "is_recurring": False}, format="json"
        )
        assert response.status_code == 200, response.content
        assert (response.json()["end_time"], response.json()["is_recurring"]) == ("12:00:00", False)
        slot.refresh_from_db()
        assert str(slot.end_time) == "12:00:00" and slot.is_recurring is False

    def test_update_may_keep_its_own_times(self, client_for, pro_user, pro_profile):
        slot = make_slot(pro_profile)
        response = client_for(pro_user).patch(slot_url(slot), {"start_time": "10:00:00"}, format="json")
        assert response.status_code == 200, response.content

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"end_time": "08:00:00"}, "end_time"),
            ({"day_of_week": 2}, "start_time"),  # onto the other slot's day
            ({"day_of_week": 9}, "day_of_week"),
        ],
    )
    def test_invalid_or_overlapping_update_is_400(self, client_for, pro_user, pro_profile, fields, field):
        slot = make_slot(pro_profile, day=1)
        make_slot(pro_profile, day=2, start="10:00", end="11:00")
        response = client_for(pro_user).patch(slot_url(slot), fields, format="json")
        assert field in assert_error(response, 400)["details"]
        slot.refresh_from_db()
        assert (slot.day_of_week, str(slot.end_time)) == (1, "17:00:00")

    def test_owner_deletes_their_slot(self, client_for, pro_user, pro_profile):
        slot = make_slot(pro_profile)
        response = client_for(pro_user).delete(slot_url(slot))
        assert response.status_code == 204
        assert not AvailabilitySlot.objects.exists()

    @pytest.mark.parametrize("user", ["other_pro_user", "client_user", "admin_user"])
    def test_others_get_404_and_nothing_changes(self, request, client_for, pro_profile, other_pro_profile, user):
        slot = make_slot(pro_profile)
        client = client_for(request.getfixturevalue(user))
        assert_error(client.patch(slot_url(slot), {"end_time": "10:00:00"}, format="json"), 404)
        assert_error(client.delete(slot_url(slot)), 404)
        slot.refresh_from_db()
        assert str(slot.end_time) == "17:00:00"

    def test_unknown_slot_is_404(self, client_for, pro_user, pro_profile):
        assert_error(client_for(pro_user).patch(SLOTS + "999999/", {"is_recurring": False}, format="json"), 404)
        assert_error(client_for(pro_user).delete(SLOTS + "999999/"), 404)

    def test_unauthenticated_is_401(self, api_client, pro_profile):
        slot = make_slot(pro_profile)
        assert_error(api_client.patch(slot_url(slot), {}, format="json"), 401)
        assert_error(api_client.delete(slot_url(slot)), 401)
        assert AvailabilitySlot.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_overlapping_slots_of_one_pro_keep_one(account, client_for):
    pro = account("contractor", "busy")
    ProProfile.objects.create(user=pro, business_name="Busy Pro")
    client = client_for(pro)
    racers = 6
    start = threading.Barrier(racers)

    def add(index):
        try:
            start.wait()
            data = {"day_of_week": 3, "start_time": f"{9 + index % 2}:00:00", "end_time": f"{12 + index}:00:00"}
            return client.post(SLOTS, data, format="json").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=racers) as pool:
        statuses = list(pool.map(add, range(racers)))

    assert sorted(statuses) == [201] + [400] * (racers - 1)
    assert AvailabilitySlot.objects.count() == 1
