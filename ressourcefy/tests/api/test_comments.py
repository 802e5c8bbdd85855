"""Comments and their votes: post and reply, the flat list, delete, and votes that keep the score exact."""

import uuid

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from ressourcefy.models import Comment, CommentVote, OnboardingStep, Resource
from ressourcefy.services.comments import comment_create
from ressourcefy.services.resources import resource_create
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db

VOTE = API + "comments/vote/"


def comments_url(resource_id) -> str:
    return f"{API}resources/{resource_id}/comments/"


def comment_url(comment_id) -> str:
    return f"{API}comments/{comment_id}/"


def publish(author, *, visibility="public"):
    with transaction.atomic():
        return resource_create(
            author=author,
            title="Guide",
            description="About it.",
            visibility=visibility,
            price_cents=500 if visibility == "premium" else None,
        )


def say(author, resource, body="Nice.", parent=None) -> Comment:
    return comment_create(author=author, resource=resource, body=body, parent_id=parent.pk if parent else None)


def assert_counts_match_rows(resource: Resource, *comments: Comment) -> None:
    resource.refresh_from_db()
    assert resource.comment_count == Comment.objects.filter(resource=resource, deleted_at__isnull=True).count()
    for comment in comments:
        comment.refresh_from_db()
        assert comment.score == (CommentVote.objects.filter(comment=comment).aggregate(s=Sum("value"))["s"] or 0)


@pytest.fixture
def resource(contributor):
    return publish(contributor)


# --- post and list -----------------------------------------------------------------------


def test_reader_comments_and_replies(client_for, reader, contributor, resource):
    response = client_for(reader).post(comments_url(resource.pk), {"body": "Great guide"}, format="json")
    assert response.status_code == 201, response.content
    top = response.json()["data"]
    assert (top["resource_id"], top["parent_id"], top["author_id"], top["author_name"], top["score"]) == (
        str(resource.pk),
        None,
        str(reader.uuid),
        "reader",
        0,
    )
    reply = client_for(contributor).post(
        comments_url(resource.pk), {"body": "Thanks!", "parent_id": top["id"]}, format="json"
    )
    assert reply.status_code == 201, reply.content
    assert reply.json()["data"]["parent_id"] == top["id"]
    listed = client_for(reader).get(comments_url(resource.pk)).json()["data"]
    assert [(c["body"], c["parent_id"]) for c in listed["results"]] == [("Great guide", None), ("Thanks!", top["id"])]
    assert_counts_match_rows(resource)
    assert resource.comment_count == 2


def test_reply_must_answer_a_visible_comment_of_the_same_resource(client_for, reader, contributor, resource):
    elsewhere = say(contributor, publish(contributor))
    client = client_for(reader)
    for parent_id in (elsewhere.pk, uuid.uuid4()):
        error = assert_error(
            client.post(comments_url(resource.pk), {"body": "x", "parent_id": str(parent_id)}, format="json"),
            400,
            "validation_error",
        )
        assert "parent_id" in error["details"]
    assert_error(client.post(comments_url(resource.pk), {"body": ""}, format="json"), 400, "validation_error")
    assert_error(client.post(comments_url(resource.pk), {"body": "x" * 5001}, format="json"), 400)
    assert_counts_match_rows(resource)
    assert resource.comment_count == 0


def test_comments_follow_the_resource_visibility(client_for, reader, contributor, moderator):
    private = publish(contributor, visibility="private")
    assert_error(client_for(reader).get(comments_url(private.pk)), 404, "not_found")
    assert_error(client_for(reader).post(comments_url(private.pk), {"body": "x"}, format="json"), 404)
    assert client_for(moderator).post(comments_url(private.pk), {"body": "x"}, format="json").status_code == 201
    assert_error(client_for(reader).get(comments_url(uuid.uuid4())), 404, "not_found")


def test_comments_refusals(api_client, client_for, rfy_account, resource):
    assert_error(api_client.get(comments_url(resource.pk)), 401)
    assert_error(api_client.post(comments_url(resource.pk), {"body": "x"}, format="json"), 401)
    inactive = rfy_account("USER", "ina", verified=False)
    assert_error(
        client_for(inactive).post(comments_url(resource.pk), {"body": "x"}, format="json"), 403, "account_not_activated"
    )
    onboarding = rfy_account("USER", "onno", onboarding_step=OnboardingStep.INTERESTS)
    assert_error(client_for(onboarding).get(comments_url(resource.pk)), 403, "onboarding_incomplete")
    assert not Comment.objects.exists()


def test_comment_list_queries_do_not_grow(client_for, reader, rfy_account, resource):
    client = client_for(reader)
    for n in range(25):
        say(rfy_account("USER", f"u{n}"), resource, body=f"c{n}")
    client.get(comments_url(resource.pk))
    counts = []
    for size in (2, 20):
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get(comments_url(resource.pk), {"page_size": size}).json()["data"]["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- delete ---------------------------------------------------------------------------------


def test_author_deletes_a_comment_and_the_count_follows(client_for, reader, resource):
    comment = say(reader, resource)
    kept = say(reader, resource, body="Reply", parent=comment)
    client = client_for(reader)
    assert client.delete(comment_url(comment.pk)).status_code == 204
    assert [c["body"] for c in client.get(comments_url(resource.pk)).json()["data"]["results"]] == ["Reply"]
    assert client.delete(comment_url(comment.pk)).status_code == 204  # already gone: nothing moves twice
    assert_counts_match_rows(resource, kept)
    assert resource.comment_count == 1


def test_staff_delete_others_comments_others_cannot(client_for, reader, moderator, rfy_account, resource):
    comment = say(reader, resource)
    assert_error(client_for(rfy_account("USER", "otto")).delete(comment_url(comment.pk)), 403, "permission_denied")
    assert client_for(moderator).delete(comment_url(comment.pk)).status_code == 204
    assert_counts_match_rows(resource)
    assert resource.comment_count == 0


def test_delete_unknown_comment_or_anonymous(api_client, client_for, reader, resource):
    assert_error(client_for(reader).delete(comment_url(uuid.uuid4())), 404, "not_found")
    assert_error(api_client.delete(comment_url(say(reader, resource).pk)), 401)


# --- votes ----------------------------------------------------------------------------------


def test_a_vote_is_at_most_six_queries(client_for, reader, contributor, resource):
    """Issue #16: a hot write's request path does its own row changes, at most 6 queries, a new vote or a change."""
    comment = say(contributor, resource)
    client = client_for(reader)
    # The audit trail's content type is looked up once per process, then cached: count a warm process.
    ContentType.objects.get_for_model(CommentVote)
    for value in (1, -1):  # a new vote, then a change
        with CaptureQueriesContext(connection) as queries:
            response = client.post(VOTE, {"comment_id": str(comment.pk), "vote_value": value}, format="json")
        assert response.status_code == 200, response.content
        transaction_control = ("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT")
        statements = [
            query["sql"] for query in queries.captured_queries if not query["sql"].startswith(transaction_control)
        ]
        assert len(statements) <= 6, "\n".join(statements)
    vote = CommentVote.objects.get()
    entries = LogEntry.objects.get_for_object(vote).order_by("pk")
    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert entries[1].changes_dict["value"] == ["1", "-1"] and entries[1].actor_id == reader.pk  # still audited


def test_vote_change_and_repeat(client_for, reader, contributor, resource):
    comment = say(contributor, resource)
    client = client_for(reader)
    response = client.post(VOTE, {"comment_id": str(comment.pk), "vote_value": 1}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    vote = CommentVote.objects.get()
    assert data == {"vote_id": str(vote.public_id), "comment_id": str(comment.pk), "value": 1, "score": 1}
    error = assert_error(client.post(VOTE, {"comment_id": str(comment.pk), "vote_value": 1}, format="json"), 422)
    assert error["code"] == "already_voted"
    response = client.post(VOTE, {"comment_id": str(comment.pk), "vote_value": -1}, format="json")
    assert response.json()["data"]["score"] == -1
    client_for(contributor).post(VOTE, {"comment_id": str(comment.pk), "vote_value": -1}, format="json")
    assert CommentVote.objects.count() == 2
    assert_counts_match_rows(resource, comment)
    assert comment.score == -2


@pytest.mark.parametrize("value", [0, 2, "up", None, True])
def test_vote_value_must_be_one_or_minus_one(client_for, reader, contributor, resource, value):
    comment = say(contributor, resource)
    error = assert_error(
        client_for(reader).post(VOTE, {"comment_id": str(comment.pk), "vote_value": value}, format="json"),
        400,
        "validation_error",
    )
    assert "vote_value" in error["details"]
    assert not CommentVote.objects.exists()


def test_vote_refusals(api_client, client_for, reader, contributor, rfy_account, resource):
    comment = say(contributor, resource)
    payload = {"comment_id": str(comment.pk), "vote_value": 1}
    assert_error(client_for(reader).post(VOTE, {"vote_value": 1}, format="json"), 400, "validation_error")
    assert_error(client_for(reader).post(VOTE, {**payload, "comment_id": str(uuid.uuid4())}, format="json"), 404)
    assert_error(api_client.post(VOTE, payload, format="json"), 401)
    inactive = rfy_account("USER", "ina", verified=False)
    assert_error(client_for(inactive).post(VOTE, payload, format="json"), 403, "account_not_activated")
    onboarding = rfy_account("USER", "onno", onboarding_step=OnboardingStep.PROFILE)
    assert_error(client_for(onboarding).post(VOTE, payload, format="json"), 403, "onboarding_incomplete")
    private_comment = say(contributor, publish(contributor, visibility="private"))
    assert_error(client_for(reader).post(VOTE, {**payload, "comment_id": str(private_comment.pk)}, format="json"), 404)
    Comment.objects.filter(pk=comment.pk).update(deleted_at=comment.created_at)
    assert_error(client_for(reader).post(VOTE, payload, format="json"), 403, "deleted_content")
    assert not CommentVote.objects.exists()
