"""schemathesis against /townspark/api/v1/schema/ with a citizen's token: no 5xx, every response as documented."""

import pytest

from core.accounts.tokens import token_pair_for_user
from core.testing.schemathesis import check_schema_conformance
from townspark.models import Issue
from townspark.services.comments import comment_create
from townspark.services.issues import issue_status_update
from townspark.tests.conftest import make_issue

pytestmark = pytest.mark.django_db

SCHEMA = "/townspark/api/v1/schema/"


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


def test_no_server_errors_and_responses_match_the_schema(world, citizen):
    check_schema_conformance(
        SCHEMA, token=token_pair_for_user(citizen).access, positive=12, negative=5, min_operations=60
    )
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


def test_every_delete_documents_the_200_envelope_it_answers_with(client):
    # drf-spectacular documents a DELETE with a response serializer as 204 without a body.
    schema = client.get(SCHEMA).json()
    deletes = {path: ops["delete"]["responses"] for path, ops in schema["paths"].items() if "delete" in ops}
    # The frontend's DELETE aliases (issue #15) answer with their toggle's result, not a Detail.
    aliases = {f"/townspark/api/v1/issues/{{id}}/{action}/": action.capitalize() for action in ("upvote", "bookmark")}
    assert set(deletes) == {
        f"/townspark/api/v1/{path}/{{id}}/"
        for path in ("issues", "comments", "notifications", "admin/users", "admin/resolvers")
    } | set(aliases)
    for path, responses in deletes.items():
        assert [code for code in responses if code.startswith("2")] == ["200"], path
        body = responses["200"]["content"]["application/json"]["schema"]
        assert body["required"] == ["success", "message", "data", "meta"], path
        data = f"{aliases[path]}Result" if path in aliases else "Detail"
        assert body["properties"]["data"] == {"$ref": f"#/components/schemas/{data}"}, path
    assert schema["components"]["schemas"]["Detail"]["required"] == ["detail"]
