"""schemathesis against /gatherhub/api/v1/schema/: with a user's token, no 5xx and every response as documented."""

import time
from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.accounts.tokens import token_pair_for_user
from gatherhub.services.tasks import task_create
from gatherhub.services.votes import vote_create

pytestmark = pytest.mark.django_db

SCHEMA = "/gatherhub/api/v1/schema/"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = {schemathesis.GenerationMode.POSITIVE: 30, schemathesis.GenerationMode.NEGATIVE: 15}
TIME_BUDGET_SECONDS = 60


@pytest.fixture
def same_connection_for_requests():
    """Requests sent through the WSGI handler stay inside the test's transaction, as with Django's test client."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(alice, bob, make_event):
    """Something for generated ids to find: Alice's event (id 1 on a fresh database) with a task and a vote."""
    event = make_event(alice, participants=[bob])
    task_create(creator=alice, event=event, title="Chairs", assignee=bob)
    vote_create(
        creator=alice, event=event, title="Food?", options=["Pizza", "Soup"], ends_at=timezone.now() + timedelta(days=1)
    )
    return event


def test_no_server_errors_and_responses_match_the_schema(same_connection_for_requests, world, alice):
    schema = schemathesis.openapi.from_wsgi(SCHEMA, get_wsgi_application())
    headers = {"Authorization": f"Bearer {token_pair_for_user(alice).access}"}
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 17

    for operation in operations:
        for mode, examples in EXAMPLES.items():

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def check(case):
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS, headers=headers)

            try:
                check()
            except Unsatisfiable:
                # Nothing to make invalid (no parameters, no body): there is no negative case to send.
                assert mode is schemathesis.GenerationMode.NEGATIVE, operation.label
    assert time.monotonic() - started < TIME_BUDGET_SECONDS * 2


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
