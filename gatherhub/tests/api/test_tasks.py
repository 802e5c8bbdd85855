"""Tasks: visible to the participants of their event; created by participants; changed by creator or assignee."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gatherhub.models import Task
from gatherhub.services.events import event_join
from gatherhub.services.tasks import task_create
from gatherhub.tests.conftest import API, TIMESTAMP, assert_error

pytestmark = pytest.mark.django_db

TASKS = API + "tasks/"
TASK_FIELDS = {
    "id",
    "title",
    "description",
    "status",
    "priority",
    "due_date",
    "event",
    "assignee",
    "creator",
    "completed_at",
    "created_at",
    "updated_at",
}


def iso(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def event(alice, bob, make_event):
    """Alice's event, with Bob taking part."""
    return make_event(alice, participants=[bob])


@pytest.fixture
def task(alice, bob, event):
    """Created by Alice, assigned to Bob."""
    return task_create(
        creator=alice, event=event, title="Bring chairs", assignee=bob, due_date=timezone.now() + timedelta(days=1)
    )


class TestList:
    def test_only_tasks_of_my_events(self, client_for, alice, bob, carol, event, task, make_event):
        other = make_event(carol)
        task_create(creator=carol, event=other, title="Carol's own")
        body = client_for(bob).get(TASKS).json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert [row["title"] for row in body["results"]] == ["Bring chairs"]
        row = body["results"][0]
        assert set(row) == TASK_FIELDS
        assert row["event"] == {"id": event.pk, "title": event.title}
        assert set(row["assignee"]) == {"id", "username", "first_name", "last_name"}
        assert row["creator"] == {"id": alice.pk, "username": "alice"}
        assert TIMESTAMP.match(row["due_date"])
        assert client_for(carol).get(TASKS).json()["count"] == 1

    def test_filters(self, client_for, alice, bob, event, make_event):
        soon, later = timezone.now() + timedelta(days=1), timezone.now() + timedelta(days=10)
        task_create(creator=alice, event=event, title="A", assignee=bob, due_date=soon)
        done = task_create(creator=alice, event=event, title="B", due_date=later)
        done.status = "completed"
        done.save()
        second = make_event(alice)
        task_create(creator=alice, event=second, title="C")
        client = client_for(alice)

        def titles(query):
            return sorted(row["title"] for row in client.get(TASKS + "?" + query).json()["results"])

        assert titles(f"event={event.pk}") == ["A", "B"]
        assert titles(f"assignee={bob.pk}") == ["A"]
        assert titles("status=completed") == ["B"]
        middle = (timezone.now() + timedelta(days=5)).date().isoformat()
        assert titles(f"due_date_from={middle}") == ["B"]
        assert titles(f"due_date_to={middle}") == ["A"]

    @pytest.mark.parametrize("query", ["status=lost", "event=abc", "assignee=seven", "due_date_to=soon", "event=0"])
    def test_bad_filters_are_400(self, client_for, alice, query):
        assert_error(client_for(alice).get(TASKS + "?" + query), 400, "validation_error")

    def test_unauthenticated_is_401(self, api_client):
        assert_error(api_client.get(TASKS), 401, "authentication_required")

    def test_query_count_does_not_grow_with_page_size(
        self, client_for, alice, bob, event, django_assert_max_num_queries
    ):
        for index in range(12):
            task_create(creator=alice, event=event, title=f"T{index}", assignee=bob if index % 2 else None)
        client = client_for(alice)
        with django_assert_max_num_queries(3) as small:
            client.get(TASKS + "?page_size=2")
        with django_assert_max_num_queries(3) as large:
            client.get(TASKS + "?page_size=12")
        assert len(small.captured_queries) == len(large.captured_queries)


class TestCreate:
    def test_participant_creates(self, client_for, alice, bob, event):
        due = timezone.now() + timedelta(days=2)
        payload = {
            "title": "Cake",
            "description": "Chocolate",
            "event": event.pk,
            "priority": "high",
            "due_date": iso(due),
            "assignee": alice.pk,
        }
        response = client_for(bob).post(TASKS, payload, format="json")
        assert response.status_code == 201
        body = response.json()
        assert body["status"] == "pending" and body["priority"] == "high" and body["due_date"] == iso(due)
        assert body["event"] == {"id": event.pk, "title": event.title}
        assert body["assignee"]["id"] == alice.pk and body["creator"]["id"] == bob.pk

    def test_defaults(self, client_for, bob, event):
        body = client_for(bob).post(TASKS, {"title": "Music", "event": event.pk}, format="json").json()
        assert (body["priority"], body["assignee"], body["due_date"]) == ("medium", None, None)

    def test_non_participant_gets_403(self, client_for, carol, event):
        response = client_for(carol).post(TASKS, {"title": "Sneaky", "event": event.pk}, format="json")
        assert_error(response, 403, "not_participant")

    def test_assignee_must_be_a_participant(self, client_for, bob, carol, event):
        payload = {"title": "Music", "event": event.pk, "assignee": carol.pk}
        body = assert_error(client_for(bob).post(TASKS, payload, format="json"), 400, "assignee_not_participant")
        assert "assignee" in body["details"]

    def test_validation(self, client_for, bob):
        payload = {"title": "", "event": 999, "priority": "whenever", "assignee": "nobody"}
        body = assert_error(client_for(bob).post(TASKS, payload, format="json"), 400, "validation_error")
        assert {"title", "event", "priority", "assignee"} <= set(body["details"])

    def test_huge_event_id_is_a_validation_error(self, client_for, bob):
        payload = {"title": "x", "event": 10**30}
        assert_error(client_for(bob).post(TASKS, payload, format="json"), 400, "validation_error")

    def test_unauthenticated_is_401(self, api_client):
        assert_error(api_client.post(TASKS, {}, format="json"), 401, "authentication_required")


class TestDetail:
    def test_detail_shape(self, client_for, bob, event, task):
        body = client_for(bob).get(TASKS + f"{task.pk}/").json()
        assert set(body) == TASK_FIELDS
        assert body["event"] == {"id": event.pk, "title": event.title, "date": iso(event.date)}
        assert set(body["assignee"]) == {"id", "username", "first_name", "last_name", "email"}
        assert body["assignee"]["email"] == "bob@example.com"

    def test_non_participant_does_not_see_it(self, client_for, carol, task):
        assert_error(client_for(carol).get(TASKS + f"{task.pk}/"), 404, "not_found")

    def test_not_found_and_unauthenticated(self, api_client, client_for, alice):
        assert_error(client_for(alice).get(TASKS + "999/"), 404, "not_found")
        assert_error(api_client.get(TASKS + "999/"), 401, "authentication_required")


class TestUpdate:
    def test_assignee_updates_and_completing_sets_completed_at(self, client_for, bob, task):
        client = client_for(bob)
        response = client.put(TASKS + f"{task.pk}/", {"status": "in_progress", "priority": "high"}, format="json")
        assert response.status_code == 200
        body = response.json()
        assert (body["status"], body["priority"], body["completed_at"]) == ("in_progress", "high", None)
        body = client.put(TASKS + f"{task.pk}/", {"status": "completed"}, format="json").json()
        assert TIMESTAMP.match(body["completed_at"])
        body = client.put(TASKS + f"{task.pk}/", {"status": "pending"}, format="json").json()
        assert body["completed_at"] is None

    def test_creator_reassigns_to_a_participant_only(self, client_for, alice, carol, task):
        client = client_for(alice)
        body = client.put(TASKS + f"{task.pk}/", {"assignee": alice.pk, "title": "Chairs!"}, format="json").json()
        assert body["assignee"]["id"] == alice.pk and body["title"] == "Chairs!"
        response = client.put(TASKS + f"{task.pk}/", {"assignee": carol.pk}, format="json")
        assert_error(response, 400, "assignee_not_participant")
        assert client.put(TASKS + f"{task.pk}/", {"assignee": None}, format="json").json()["assignee"] is None

    def test_other_participant_gets_403(self, client_for, account, event, task):
        dave = account("dave")
        event_join(event_id=event.pk, user=dave)
        assert_error(
            client_for(dave).put(TASKS + f"{task.pk}/", {"title": "Mine"}, format="json"), 403, "permission_denied"
        )

    def test_validation(self, client_for, bob, task):
        body = assert_error(client_for(bob).put(TASKS + f"{task.pk}/", {"status": "done"}, format="json"), 400)
        assert "status" in body["details"]

    def test_not_found_and_unauthenticated(self, api_client, client_for, alice, carol, task):
        assert_error(client_for(carol).put(TASKS + f"{task.pk}/", {}, format="json"), 404, "not_found")
        assert_error(api_client.put(TASKS + f"{task.pk}/", {}, format="json"), 401, "authentication_required")


class TestAssign:
    def test_event_creator_assigns(self, client_for, alice, bob, event):
        task = task_create(creator=bob, event=event, title="Lights")
        response = client_for(alice).post(TASKS + f"{task.pk}/assign/", {"assignee": bob.pk}, format="json")
        assert response.status_code == 200
        assert response.json() == {
            "message": "Task assigned successfully",
            "task": {"id": task.pk, "title": "Lights", "assignee": {"id": bob.pk, "username": "bob"}},
        }

    def test_task_creator_assigns(self, client_for, alice, bob, event):
        task = task_create(creator=bob, event=event, title="Lights")
        response = client_for(bob).post(TASKS + f"{task.pk}/assign/", {"assignee": alice.pk}, format="json")
        assert response.status_code == 200

    def test_assignee_who_created_neither_gets_403(self, client_for, alice, bob, task):
        response = client_for(bob).post(TASKS + f"{task.pk}/assign/", {"assignee": bob.pk}, format="json")
        assert_error(response, 403, "permission_denied")

    def test_assignee_must_take_part(self, client_for, alice, carol, task):
        response = client_for(alice).post(TASKS + f"{task.pk}/assign/", {"assignee": carol.pk}, format="json")
        assert_error(response, 400, "assignee_not_participant")

    @pytest.mark.parametrize(
        "payload",
        [
            {},
            {"assignee": None},  # what the client sent as parseInt(<a UUID>)
            {"assignee": "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
            {"assignee": "two"},
            {"assignee": True},
            {"assignee": 1.5},
            {"assignee": [1]},
            {"assignee": 2**63},
            {"assignee": 0},
        ],
    )
    def test_a_missing_null_or_non_integer_assignee_is_400_and_changes_nothing(
        self, client_for, alice, bob, task, payload
    ):
        task.assignee = bob
        task.save(update_fields=["assignee"])
        body = assert_error(client_for(alice).post(TASKS + f"{task.pk}/assign/", payload, format="json"), 400)
        assert body["details"]["assignee"]
        task.refresh_from_db()
        assert task.assignee_id == bob.pk

    def test_an_integer_id_as_a_string_is_accepted(self, client_for, alice, bob, task):
        response = client_for(alice).post(TASKS + f"{task.pk}/assign/", {"assignee": str(bob.pk)}, format="json")
        assert response.status_code == 200 and response.json()["task"]["assignee"]["id"] == bob.pk

    def test_an_account_of_another_product_is_not_found(self, client_for, make_account, alice, task):
        stranger = make_account("alistpros")
        body = assert_error(
            client_for(alice).post(TASKS + f"{task.pk}/assign/", {"assignee": stranger.pk}, format="json"), 400
        )
        assert "does not exist" in body["details"]["assignee"][0]

    def test_not_found_and_unauthenticated(self, api_client, client_for, alice):
        assert_error(client_for(alice).post(TASKS + "999/assign/", {"assignee": alice.pk}, format="json"), 404)
        assert_error(api_client.post(TASKS + "999/assign/", {}, format="json"), 401, "authentication_required")


class TestComplete:
    def test_assignee_completes(self, client_for, bob, task):
        response = client_for(bob).post(TASKS + f"{task.pk}/complete/")
        assert response.status_code == 200
        body = response.json()
        assert body["message"] == "Task marked as completed"
        assert set(body["task"]) == {"id", "title", "status", "completed_at"}
        assert body["task"]["status"] == "completed" and TIMESTAMP.match(body["task"]["completed_at"])
        task.refresh_from_db()
        assert task.completed_at is not None

    def test_completing_twice_keeps_the_first_time(self, client_for, alice, task):
        first = client_for(alice).post(TASKS + f"{task.pk}/complete/").json()["task"]["completed_at"]
        Task.objects.filter(pk=task.pk).update(updated_at=timezone.now())
        assert client_for(alice).post(TASKS + f"{task.pk}/complete/").json()["task"]["completed_at"] == first

    def test_other_participant_gets_403(self, client_for, alice, bob, event):
        task = task_create(creator=alice, event=event, title="Alice's own")
        assert_error(client_for(bob).post(TASKS + f"{task.pk}/complete/"), 403, "permission_denied")

    def test_not_found_and_unauthenticated(self, api_client, client_for, carol, task):
        assert_error(client_for(carol).post(TASKS + f"{task.pk}/complete/"), 404, "not_found")
        assert_error(api_client.post(TASKS + f"{task.pk}/complete/"), 401, "authentication_required")
