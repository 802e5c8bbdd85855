"""schemathesis against /townspark/api/v1/schema/ with a citizen's token: no 5xx, every response as documented."""

import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
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
from townspark.models import Issue
from townspark.services.comments import comment_create
from townspark.services.issues import issue_status_update
from townspark.tests.conftest import make_issue

pytestmark = pytest.mark.django_db

SCHEMA = "/townspark/api/v1/schema/"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = {schemathesis.GenerationMode.POSITIVE: 12, schemathesis.GenerationMode.NEGATIVE: 5}
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
def world(citizen, other_citizen, resolver, admin):
    """Data for generated requests to find: TS-1000 (the schema's example id; not the citizen's, so it survives
    DELETE) with comments, a timeline and notifications, and the citizen's own anonymous TS-1001."""
    first = make_issue(other_citizen, latitude=40.7128, longitude=-74.006)
    second = make_issue(citizen, is_anonymous=True)
    comment_create(issue=first, author=other_citizen, content="Me too @jane")
    issue_status_update(issue=first, status="acknowledged", actor=resolver)
    issue_status_update(issue=second, status="resolved", actor=resolver)
    return first


def test_no_server_errors_and_responses_match_the_schema(same_connection_for_requests, world, citizen):
    schema = schemathesis.openapi.from_wsgi(SCHEMA, get_wsgi_application())
    headers = {"Authorization": f"Bearer {token_pair_for_user(citizen).access}"}
    started = time.monotonic()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 60

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
    # Positive cases really went through: generated bodies created issues and comments.
    assert Issue.objects.count() > 2
    assert Issue.objects.get(pk="TS-1000").upvote_count + Issue.objects.get(pk="TS-1000").share_count > 0


def test_schema_builds_without_warnings(client):
    from drf_spectacular.drainage import GENERATOR_STATS

    from core.docs.schema import cached_product_schema

    cached_product_schema.cache_clear()
    GENERATOR_STATS.reset()
    schema = client.get(SCHEMA).json()
    assert not GENERATOR_STATS, dict(GENERATOR_STATS._warn_cache)
    assert schema["info"]["title"] == "TownSpark API"
    assert {
        "/townspark/api/v1/issues/{id}/upvote/",
        "/townspark/api/v1/auth/password/reset/confirm/",
        "/townspark/api/v1/analytics/resolvers/",
    } <= set(schema["paths"])
