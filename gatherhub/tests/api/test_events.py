"""Events: list with filters and flat query counts, create, detail, update and delete by the creator, join and leave."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gatherhub.models import Event, Task
from gatherhub.services.tasks import task_create
from gatherhub.services.votes import vote_create
from gatherhub.tests.conftest import API, TIMESTAMP, assert_error

pytestmark = pytest.mark.django_db

EVENTS = API + "events/"

EVENT_FIELDS = {
    "id",
    "title",
    "description",
    "date",
    "location",
    "max_participants",
    "current_participants",
    "status",
    "creator",
    "created_at",
    "updated_at",
}


def iso(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class TestList:
    def test_page_shape_and_fields(self, client_for, alice, make_event):
        make_event(alice, title="One")
        response = client_for(alice).get(EVENTS)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["count"] == 1
        event = body["results"][0]
        assert set(event) == EVENT_FIELDS
        assert set(event["creator"]) == {"id", "username", "first_name", "last_name"}
        assert event["creator"] == {
            "id": alice.pk,
            "username": "alice",
            "first_name": "Alice",
            "last_name": "Tester",
        }
        assert event["current_participants"] == 1 and event["status"] == "upcoming"
        assert TIMESTAMP.match(event["date"]) and TIMESTAMP.match(event["created_at"])

    def test_pagination_default_20_and_page_size(self, client_for, alice, make_event):
        for index in range(25):
            make_event(alice, title=f"Event {index}")
        client = client_for(alice)
        first = client.get(EVENTS).json()
        assert first["count"] == 25 and len(first["results"]) == 20 and first["next"].endswith("page=2")
        assert len(client.get(EVENTS + "?page_size=5&page=5").json()["results"]) == 5
        assert len(client.get(EVENTS + "?page_size=1000").json()["results"]) == 25
        assert_error(client.get(EVENTS + "?page=9"), 404, "not_found")

    def test_search_in_title_and_description(self, client_for, alice, make_event):
        make_event(alice, title="Chess club")
        make_event(alice, title="Picnic", description="Bring a chess board")
        make_event(alice, title="Karaoke")
        body = client_for(alice).get(EVENTS + "?search=CHESS").json()
        assert {row["title"] for row in body["results"]} == {"Chess club", "Picnic"}

    def test_status_follows_the_date(self, client_for, alice, make_event):
        now = timezone.now()
        make_event(alice, title="Past", date=now - timedelta(days=2))
        make_event(alice, title="Now", date=now - timedelta(hours=1))
        make_event(alice, title="Soon", date=now + timedelta(hours=1))
        client = client_for(alice)
        for status, title in (("completed", "Past"), ("ongoing", "Now"), ("upcoming", "Soon")):
            results = client.get(EVENTS + f"?status={status}").json()["results"]
            assert [(row["title"], row["status"]) for row in results] == [(title, status)]

    def test_ongoing_lasts_the_configured_hours(self, client_for, alice, make_event, settings):
        make_event(alice, title="Started five hours ago", date=timezone.now() - timedelta(hours=5))
        client = client_for(alice)
        assert client.get(EVENTS).json()["results"][0]["status"] == "completed"
        settings.GATHERHUB_EVENT_ONGOING_HOURS = 6
        assert client.get(EVENTS).json()["results"][0]["status"] == "ongoing"
        assert client.get(EVENTS + "?status=ongoing").json()["count"] == 1

    def test_creator_and_date_filters(self, client_for, alice, bob, make_event):
        make_event(alice, title="Alice's", date=timezone.now() + timedelta(days=1))
        make_event(bob, title="Bob's", date=timezone.now() + timedelta(days=10))
        client = client_for(alice)
        assert [r["title"] for r in client.get(EVENTS + f"?creator={bob.pk}").json()["results"]] == ["Bob's"]
        day = (timezone.now() + timedelta(days=5)).date().isoformat()
        assert [r["title"] for r in client.get(EVENTS + f"?date_from={day}").json()["results"]] == ["Bob's"]
        assert [r["title"] for r in client.get(EVENTS + f"?date_to={day}").json()["results"]] == ["Alice's"]

    @pytest.mark.parametrize("query", ["status=someday", "creator=twelve", "date_from=yesterday"])
    def test_bad_filters_are_400(self, client_for, alice, query):
        assert_error(client_for(alice).get(EVENTS + "?" + query), 400, "validation_error")

    def test_unauthenticated_is_401(self, api_client):
        assert_error(api_client.get(EVENTS), 401, "authentication_required")

    def test_query_count_does_not_grow_with_page_size(
        self, client_for, alice, bob, make_event, django_assert_max_num_queries
    ):
        for index in range(12):
            make_event(alice if index % 2 else bob, title=f"Event {index}", participants=[bob] if index % 2 else [])
        client = client_for(alice)
        with django_assert_max_num_queries(3) as small:
            client.get(EVENTS + "?page_size=2")
        with django_assert_max_num_queries(3) as large:
            client.get(EVENTS + "?page_size=12")
        assert len(small.captured_queries) == len(large.captured_queries)


class TestCreate:
    def test_creator_is_the_first_participant(self, client_for, alice):
        date = timezone.now() + timedelta(days=7)
        payload = {
            "title": "Hike",
            "description": "Up the hill",
            "date": iso(date),
            "location": "Trailhead",
            "max_participants": 10,
        }
        response = client_for(alice).post(EVENTS, payload, format="json")
        assert response.status_code == 201
        body = response.json()
        assert set(body) == EVENT_FIELDS
        assert body["current_participants"] == 1 and body["status"] == "upcoming"
        assert body["creator"]["id"] == alice.pk and body["date"] == iso(date)
        event = Event.objects.get(pk=body["id"])
        assert list(event.participants.all()) == [alice]

    def test_validation(self, client_for, alice):
        payload = {"title": "", "date": "tomorrow", "max_participants": 0}
        body = assert_error(client_for(alice).post(EVENTS, payload, format="json"), 400, "validation_error")
        assert {"title", "date", "max_participants"} <= set(body["details"])

    def test_unauthenticated_is_401(self, api_client):
        assert_error(api_client.post(EVENTS, {}, format="json"), 401, "authentication_required")


class TestDetail:
    def test_participants_tasks_and_votes(self, client_for, alice, bob, make_event):
        event = make_event(alice, participants=[bob])
        task_create(creator=alice, event=event, title="Bring snacks", assignee=bob)
        vote_create(
            creator=bob,
            event=event,
            title="Which game?",
            options=["Catan", "Go"],
            ends_at=timezone.now() + timedelta(days=1),
        )
        response = client_for(bob).get(EVENTS + f"{event.pk}/")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == EVENT_FIELDS | {"participants", "tasks", "votes"}
        assert [p["username"] for p in body["participants"]] == ["alice", "bob"]
        assert set(body["participants"][0]) == {"id", "username", "first_name", "last_name"}
        assert body["tasks"] == [{"id": Task.objects.get().pk, "title": "Bring snacks", "status": "pending"}]
        assert [(v["title"], v["status"]) for v in body["votes"]] == [("Which game?", "active")]
        assert body["current_participants"] == 2

    def test_tasks_are_hidden_from_non_participants(self, client_for, alice, carol, make_event):
        event = make_event(alice)
        task_create(creator=alice, event=event, title="Secret")
        body = client_for(carol).get(EVENTS + f"{event.pk}/").json()
        assert body["tasks"] == [] and body["participants"][0]["username"] == "alice"

    def test_query_count_is_flat(self, client_for, alice, account, make_event, django_assert_max_num_queries):
        event = make_event(alice, participants=[account(f"user{i}") for i in range(8)])
        for index in range(5):
            task_create(creator=alice, event=event, title=f"Task {index}")
        client = client_for(alice)
        with django_assert_max_num_queries(5):
            assert client.get(EVENTS + f"{event.pk}/").status_code == 200

    def test_not_found(self, client_for, alice):
        assert_error(client_for(alice).get(EVENTS + "999/"), 404, "not_found")
        assert_error(client_for(alice).get(EVENTS + "99999999999999999999999/"), 404, "not_found")

    def test_unauthenticated_is_401(self, api_client, alice, make_event):
        assert_error(api_client.get(EVENTS + f"{make_event(alice).pk}/"), 401, "authentication_required")


class TestUpdateAndDelete:
    def payload(self, **changes):
        return {
            "title": "Renamed",
            "description": "New",
            "date": iso(timezone.now() + timedelta(days=2)),
            "location": "Park",
            "max_participants": 5,
            **changes,
        }

    def test_creator_updates(self, client_for, alice, make_event):
        event = make_event(alice)
        response = client_for(alice).put(EVENTS + f"{event.pk}/", self.payload(), format="json")
        assert response.status_code == 200
        body = response.json()
        assert (body["title"], body["location"], body["max_participants"]) == ("Renamed", "Park", 5)
        assert body["creator"]["username"] == "alice"

    def test_others_get_403(self, client_for, alice, bob, make_event):
        event = make_event(alice, participants=[bob])
        assert_error(
            client_for(bob).put(EVENTS + f"{event.pk}/", self.payload(), format="json"), 403, "permission_denied"
        )
        assert_error(client_for(bob).delete(EVENTS + f"{event.pk}/"), 403, "permission_denied")

    def test_validation(self, client_for, alice, make_event):
        event = make_event(alice)
        payload = {"title": "", "date": "someday", "max_participants": 0}
        body = assert_error(client_for(alice).put(EVENTS + f"{event.pk}/", payload, format="json"), 400)
        assert {"title", "date", "max_participants"} <= set(body["details"])

    def test_fields_left_out_are_kept(self, client_for, alice, make_event):
        event = make_event(alice, max_participants=7, location="Hall")
        body = client_for(alice).put(EVENTS + f"{event.pk}/", {"title": "Only the title"}, format="json").json()
        assert (body["title"], body["max_participants"], body["location"]) == ("Only the title", 7, "Hall")

    def test_limit_below_the_participants_is_400(self, client_for, alice, bob, carol, make_event):
        event = make_event(alice, participants=[bob, carol])
        response = client_for(alice).put(EVENTS + f"{event.pk}/", self.payload(max_participants=2), format="json")
        assert_error(response, 400, "max_participants_too_low")

    def test_not_found_and_unauthenticated(self, api_client, client_for, alice):
        assert_error(client_for(alice).put(EVENTS + "999/", self.payload(), format="json"), 404, "not_found")
        assert_error(client_for(alice).delete(EVENTS + "999/"), 404, "not_found")
        assert_error(api_client.delete(EVENTS + "999/"), 401, "authentication_required")

    def test_creator_deletes(self, client_for, alice, make_event):
        event = make_event(alice)
        response = client_for(alice).delete(EVENTS + f"{event.pk}/")
        assert response.status_code == 204 and not response.content
        assert not Event.objects.filter(pk=event.pk).exists()

    def test_patch_is_not_offered(self, client_for, alice, make_event):
        event = make_event(alice)
        assert_error(client_for(alice).patch(EVENTS + f"{event.pk}/", {}, format="json"), 405, "method_not_allowed")


class TestJoinAndLeave:
    def test_join(self, client_for, alice, bob, make_event):
        event = make_event(alice)
        response = client_for(bob).post(EVENTS + f"{event.pk}/join/")
        assert response.status_code == 200
        assert response.json() == {
            "message": "Successfully joined the event",
            "event": {"id": event.pk, "title": event.title, "current_participants": 2},
        }

    def test_already_participant(self, client_for, alice, make_event):
        event = make_event(alice)
        assert_error(client_for(alice).post(EVENTS + f"{event.pk}/join/"), 400, "already_participant")

    def test_full(self, client_for, alice, bob, carol, make_event):
        event = make_event(alice, max_participants=2, participants=[bob])
        assert_error(client_for(carol).post(EVENTS + f"{event.pk}/join/"), 400, "event_full")

    def test_leave(self, client_for, alice, bob, make_event):
        event = make_event(alice, participants=[bob])
        task = task_create(creator=alice, event=event, title="Chairs", assignee=bob)
        response = client_for(bob).post(EVENTS + f"{event.pk}/leave/")
        assert response.status_code == 200
        assert response.json() == {
            "message": "Successfully left the event",
            "event": {"id": event.pk, "title": event.title, "current_participants": 1},
        }
        task.refresh_from_db()
        assert task.assignee is None

    def test_not_a_participant(self, client_for, alice, bob, make_event):
        event = make_event(alice)
        assert_error(client_for(bob).post(EVENTS + f"{event.pk}/leave/"), 400, "not_participant")

    def test_creator_cannot_leave(self, client_for, alice, make_event):
        event = make_event(alice)
        assert_error(client_for(alice).post(EVENTS + f"{event.pk}/leave/"), 403, "creator_cannot_leave")

    @pytest.mark.parametrize("action", ["join", "leave"])
    def test_not_found_and_unauthenticated(self, api_client, client_for, alice, action):
        assert_error(client_for(alice).post(EVENTS + f"999/{action}/"), 404, "not_found")
        assert_error(api_client.post(EVENTS + f"999/{action}/"), 401, "authentication_required")
