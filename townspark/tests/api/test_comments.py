"""Comment endpoints: threaded list, add (with replies and mentions), like toggle, delete; query counts."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townspark.models import Comment, Issue, Notification
from townspark.services.comments import comment_create
from townspark.tests.conftest import API, make_issue
from townspark.tests.helpers import deleted, error, ok_data, page

pytestmark = pytest.mark.django_db


def comments_url(issue):
    return API + f"issues/{issue.id}/comments/"


class TestAdd:
    def test_comment_and_reply(self, client_for, other_citizen, citizen, issue, resolver):
        client = client_for(other_citizen)
        response = client.post(
            comments_url(issue), {"content": "Thanks for the update!", "parent_id": None}, format="json"
        )
        top = ok_data(response, 201)
        assert response.json()["message"] == "Comment added successfully"
        assert top["issue_id"] == issue.id and top["likes"] == 0 and top["replies"] == [] and top["parent_id"] is None
        assert top["author"] == {
            "id": str(other_citizen.uuid),
            "name": "Otto Other",
            "avatar": None,
            "is_resolver": False,
            "is_admin": False,
        }
        reply = ok_data(
            client_for(resolver).post(comments_url(issue), {"content": "On it", "parent_id": top["id"]}, format="json"),
            201,
        )
        assert reply["parent_id"] == top["id"] and reply["author"]["is_resolver"] is True
        nested = ok_data(
            client.post(comments_url(issue), {"content": "Great", "parent_id": reply["id"]}, format="json"), 201
        )
        listed = page(client.get(comments_url(issue)))
        assert listed["count"] == 1
        assert [r["id"] for r in listed["results"][0]["replies"]] == [reply["id"], nested["id"]]
        assert Issue.objects.get(pk=issue.pk).comment_count == 3
        assert ok_data(client.get(API + f"issues/{issue.id}/"))["comments"] == 3

    def test_the_answer_is_the_comment_as_read_back(self, client_for, citizen, other_citizen):
        """The 201 is built from the written row (no read-back): it equals what the list then shows."""
        anonymous = make_issue(citizen, is_anonymous=True)
        for author in (citizen, other_citizen):  # the anonymous reporter's comment hides its author
            added = ok_data(client_for(author).post(comments_url(anonymous), {"content": "Hi"}, format="json"), 201)
            listed = page(client_for(author).get(comments_url(anonymous)))["results"]
            assert added == next(comment for comment in listed if comment["id"] == added["id"])
        shown_to_other = page(client_for(other_citizen).get(comments_url(anonymous)))["results"]
        assert {comment["author"]["name"] for comment in shown_to_other} == {"Anonymous", "Otto Other"}

    def test_notifications(self, client_for, other_citizen, citizen, admin, issue, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):  # notified by the task queued after commit
            client_for(other_citizen).post(comments_url(issue), {"content": "Hello @ada and @nobody"}, format="json")
        assert Notification.objects.filter(user=citizen, type="comment", title="New Comment").count() == 1
        assert Notification.objects.filter(user=admin, type="mention").count() == 1
        top = Comment.objects.get()
        reply = {"content": "Thanks", "parent_id": str(top.pk)}
        with django_capture_on_commit_callbacks(execute=True):
            client_for(citizen).post(comments_url(issue), reply, format="json")
        assert Notification.objects.filter(user=other_citizen, type="comment", title="New Reply").count() == 1
        assert Notification.objects.filter(user=citizen).count() == 1  # not for one's own comment

    def test_validation(self, citizen_client, issue, other_citizen):
        error(citizen_client.post(comments_url(issue), {"content": ""}, format="json"), 400, "VALIDATION_ERROR")
        error(
            citizen_client.post(comments_url(issue), {"content": "x", "parent_id": str(uuid.uuid4())}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        elsewhere = make_issue(other_citizen)
        foreign = comment_create(issue=elsewhere, author=other_citizen, content="hi")
        body = {"content": "x", "parent_id": str(foreign.pk)}
        assert (
            "parent_id"
            in error(citizen_client.post(comments_url(issue), body, format="json"), 400, "VALIDATION_ERROR")["errors"]
        )

    def test_unauthenticated_and_not_found(self, api_client, citizen_client, issue):
        error(api_client.post(comments_url(issue), {"content": "x"}, format="json"), 401, "AUTHENTICATION_REQUIRED")
        error(citizen_client.post(API + "issues/TS-1/comments/", {"content": "x"}, format="json"), 404, "NOT_FOUND")
        error(api_client.get(API + "issues/TS-1/comments/"), 404, "NOT_FOUND")


class TestList:
    def test_public_and_anonymous_reporter(self, api_client, citizen, other_citizen):
        issue = make_issue(citizen, is_anonymous=True)
        comment_create(issue=issue, author=citizen, content="I reported this")
        comment_create(issue=issue, author=other_citizen, content="Me too")
        results = page(api_client.get(comments_url(issue)))["results"]
        assert [c["author"]["name"] for c in results] == ["Otto Other", "Anonymous"]

    def test_query_count_is_flat(self, citizen_client, citizen, other_citizen, issue):
        for n in range(12):
            top = comment_create(issue=issue, author=other_citizen if n % 2 else citizen, content=f"Comment {n}")
            comment_create(issue=issue, author=citizen, content="reply", parent=top)
        counts = []
        for size in (3, 12):
            with CaptureQueriesContext(connection) as ctx:
                data = page(citizen_client.get(comments_url(issue) + f"?page_size={size}"))
            assert len(data["results"]) == size and all(len(c["replies"]) == 1 for c in data["results"])
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1]


class TestLike:
    def test_toggle(self, client_for, other_citizen, citizen, issue):
        comment = comment_create(issue=issue, author=citizen, content="Hi")
        client = client_for(other_citizen)
        assert ok_data(client.post(API + f"comments/{comment.pk}/like/")) == {"liked": True, "likes": 1}
        assert page(client.get(comments_url(issue)))["results"][0]["is_liked"] is True
        assert ok_data(client.post(API + f"comments/{comment.pk}/like/")) == {"liked": False, "likes": 0}

    def test_unauthenticated_and_not_found(self, api_client, citizen_client, citizen, issue):
        comment = comment_create(issue=issue, author=citizen, content="Hi")
        error(api_client.post(API + f"comments/{comment.pk}/like/"), 401, "AUTHENTICATION_REQUIRED")
        error(citizen_client.post(API + f"comments/{uuid.uuid4()}/like/"), 404, "NOT_FOUND")


class TestDelete:
    def test_author_and_admin(self, citizen_client, admin_client, citizen, issue):
        first = comment_create(issue=issue, author=citizen, content="One")
        comment_create(issue=issue, author=citizen, content="reply", parent=first)
        second = comment_create(issue=issue, author=citizen, content="Two")
        assert Issue.objects.get(pk=issue.pk).comment_count == 3
        assert deleted(citizen_client.delete(API + f"comments/{first.pk}/")) == (
            "Comment deleted successfully",
            {"detail": "Comment deleted."},
        )
        assert Issue.objects.get(pk=issue.pk).comment_count == 1
        ok_data(admin_client.delete(API + f"comments/{second.pk}/"))
        assert Issue.objects.get(pk=issue.pk).comment_count == 0

    def test_forbidden_unauthenticated_not_found(
        self, client_for, other_citizen, resolver_client, api_client, citizen, issue
    ):
        comment = comment_create(issue=issue, author=citizen, content="Mine")
        error(client_for(other_citizen).delete(API + f"comments/{comment.pk}/"), 403, "PERMISSION_DENIED")
        error(resolver_client.delete(API + f"comments/{comment.pk}/"), 403, "PERMISSION_DENIED")
        error(api_client.delete(API + f"comments/{comment.pk}/"), 401, "AUTHENTICATION_REQUIRED")
        error(client_for(other_citizen).delete(API + f"comments/{uuid.uuid4()}/"), 404, "NOT_FOUND")
