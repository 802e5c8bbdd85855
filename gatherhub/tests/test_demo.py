"""seed_demo for GatherHub: demo logins, past/ongoing/upcoming events, tasks, open and closed votes; idempotent."""

import pytest
from django.core.management import call_command

from gatherhub.models import Event, Task, Vote

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int]:
    return Event.objects.count(), Task.objects.count(), Vote.objects.count()


def test_seed_demo_fills_gatherhub_once(capsys, api_client):
    call_command("seed_demo", "--product", "gatherhub")
    output = capsys.readouterr().out
    assert "alice@gatherhub.demo / username alice_demo" in output and "password: DemoPass123!" in output
    first = counts()
    call_command("seed_demo", "--product", "gatherhub")
    assert counts() == first

    assert {event.status for event in Event.objects.all()} == {"upcoming", "ongoing", "completed"}
    assert {vote.status for vote in Vote.objects.all()} == {"active", "ended"}
    assert Vote.objects.filter(closed_at__isnull=False).count() == 1
    assert set(Task.objects.values_list("status", flat=True)) == {"pending", "in_progress", "completed"}
    for event in Event.objects.all():
        assert event.current_participants == event.participations.count()

    login = api_client.post(
        "/gatherhub/api/v1/auth/login/", {"username": "bob_demo", "password": "DemoPass123!"}, format="json"
    )
    assert login.status_code == 200 and login.json()["user"]["first_name"] == "Bob"


def test_scale_adds_bulk_events(capsys):
    call_command("seed_demo", "--product", "gatherhub", "--scale", "0.5")
    assert Event.objects.filter(title__startswith="Neighbourhood meetup").count() == 10
