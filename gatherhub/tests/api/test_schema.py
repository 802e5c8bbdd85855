"""schemathesis against /gatherhub/api/v1/schema/: with a user's token, no 5xx and every response as documented."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.accounts.tokens import token_pair_for_user
from core.testing.schemathesis import check_schema_conformance
from gatherhub.services.tasks import task_create
from gatherhub.services.votes import vote_create

pytestmark = pytest.mark.django_db

SCHEMA = "/gatherhub/api/v1/schema/"


@pytest.fixture
def world(alice, bob, make_event):
    """Something for generated ids to find: Alice's event (id 1 on a fresh database) with a task and a vote."""
    event = make_event(alice, participants=[bob])
    task_create(creator=alice, event=event, title="Chairs", assignee=bob)
    vote_create(
        creator=alice, event=event, title="Food?", options=["Pizza", "Soup"], ends_at=timezone.now() + timedelta(days=1)
    )
    return event


def test_no_server_errors_and_responses_match_the_schema(world, alice):
    check_schema_conformance(
        SCHEMA, token=token_pair_for_user(alice).access, positive=30, negative=15, min_operations=17
    )


def test_schema_builds_without_warnings(client):
    from drf_spectacular.drainage import GENERATOR_STATS

    from core.docs.schema import cached_product_schema

    cached_product_schema.cache_clear()
    GENERATOR_STATS.reset()
    schema = client.get(SCHEMA).json()
    assert not GENERATOR_STATS, dict(GENERATOR_STATS._warn_cache)
    assert schema["info"]["title"] == "GatherHub API"
    assert {
        "/gatherhub/api/v1/events/{id}/join/",
        "/gatherhub/api/v1/voting/{id}/results/",
        "/gatherhub/health/ready/",
    } <= set(schema["paths"])


def test_event_delete_documents_the_bodiless_204_it_answers_with(client):
    # The spec's 204 No Content, which the view answers (test_events.py::test_creator_deletes).
    schema = client.get(SCHEMA).json()
    deletes = {path: ops["delete"]["responses"] for path, ops in schema["paths"].items() if "delete" in ops}
    assert list(deletes) == ["/gatherhub/api/v1/events/{id}/"]
    responses = deletes["/gatherhub/api/v1/events/{id}/"]
    assert [code for code in responses if code.startswith("2")] == ["204"]
    assert "content" not in responses["204"]
