"""Hot writes: the request does its own rows in at most six queries; one task after commit does the rest, once."""

import pytest
from channels.layers import get_channel_layer

from core.realtime.consumers import user_group
from core.testing.channels import drain
from core.testing.channels import listen as listen_to
from townspark.models import Comment, Issue, Notification, Upvote, UserBadge
from townspark.tasks import comment_created_effects, issue_upvoted_effects
from townspark.tests.conftest import API, make_issue

pytestmark = pytest.mark.django_db

MAX_WRITE_QUERIES = 6  # issue #16: the request path of each hot write


@pytest.fixture
def layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    return get_channel_layer()


def listen(layer, user) -> str:
    return listen_to(layer, user_group(user.realm, user.pk))


def frames(layer, channel) -> list[dict]:
    return [message["payload"] for message in drain(layer, channel)]


class TestUpvoteToggle:
    def test_the_request_writes_its_rows_and_queues_one_task(
        self,
        client_for,
        citizen,
        other_citizen,
        issue,
        django_assert_max_num_queries,
        django_capture_on_commit_callbacks,
    ):
        client = client_for(other_citizen)
        with (
            django_capture_on_commit_callbacks(execute=False) as queued,
            django_assert_max_num_queries(MAX_WRITE_QUERIES),
        ):
            response = client.post(API + f"issues/{issue.id}/upvote/")
        assert response.json()["data"] == {"upvoted": True, "upvotes": 1}
        assert len(queued) == 1
        assert not Notification.objects.filter(user=citizen).exists()  # not on the request path

        with (
            django_capture_on_commit_callbacks(execute=False) as queued,
            django_assert_max_num_queries(MAX_WRITE_QUERIES),
        ):
            response = client.post(API + f"issues/{issue.id}/upvote/")
        assert response.json()["data"] == {"upvoted": False, "upvotes": 0}
        assert queued == []  # taking an upvote back announces nothing
        assert Issue.objects.get(pk=issue.pk).upvote_count == 0 == Upvote.objects.filter(issue=issue).count()

    def test_a_missing_issue_is_a_404_and_writes_nothing(self, client_for, other_citizen, reference_data):
        response = client_for(other_citizen).post(API + "issues/TS-999999/upvote/")
        assert response.status_code == 404 and response.json()["success"] is False
        assert not Upvote.objects.exists()

    def test_the_task_notifies_and_awards_once_when_run_twice(
        self, client_for, citizen, other_citizen, issue, layer, django_capture_on_commit_callbacks
    ):
        reporter_socket = listen(layer, citizen)
        with django_capture_on_commit_callbacks(execute=True):
            client_for(other_citizen).post(API + f"issues/{issue.id}/upvote/")
        notification = Notification.objects.get(user=citizen)
        assert (notification.type, notification.title, notification.actor) == ("upvote", "New Uplift", other_citizen)
        badges = set(UserBadge.objects.values_list("user_id", "badge_id"))

        with django_capture_on_commit_callbacks(execute=True):
            issue_upvoted_effects.delay(Upvote.objects.get().pk)  # a redelivered task
        assert Notification.objects.filter(user=citizen).count() == 1
        assert set(UserBadge.objects.values_list("user_id", "badge_id")) == badges
        pushed = frames(layer, reporter_socket)
        assert [frame["data"]["id"] for frame in pushed if frame["type"] == "notification"] == [str(notification.pk)]


class TestCommentCreate:
    def test_the_request_writes_its_rows_and_queues_one_task(
        self,
        client_for,
        citizen,
        other_citizen,
        admin,
        issue,
        django_assert_max_num_queries,
        django_capture_on_commit_callbacks,
    ):
        client = client_for(other_citizen)
        with (
            django_capture_on_commit_callbacks(execute=False) as queued,
            django_assert_max_num_queries(MAX_WRITE_QUERIES),
        ):
            response = client.post(API + f"issues/{issue.id}/comments/", {"content": "Hi @ada"}, format="json")
        assert response.status_code == 201 and len(queued) == 1
        top = Comment.objects.get()
        reply = {"content": "A reply @ada", "parent_id": str(top.pk)}
        client = client_for(citizen)
        with (
            django_capture_on_commit_callbacks(execute=False) as queued,
            django_assert_max_num_queries(MAX_WRITE_QUERIES),
        ):  # a reply loads its parent too
            response = client.post(API + f"issues/{issue.id}/comments/", reply, format="json")
        assert response.status_code == 201 and len(queued) == 1
        assert Issue.objects.get(pk=issue.pk).comment_count == 2
        assert not Notification.objects.exists()  # not on the request path

    def test_the_task_notifies_awards_and_announces_once_when_run_twice(
        self, client_for, citizen, other_citizen, admin, issue, layer, django_capture_on_commit_callbacks
    ):
        earlier = make_issue(citizen, title="Earlier")
        Comment.objects.bulk_create(Comment(issue=earlier, author=other_citizen, content="Old") for _ in range(9))
        reporter_socket = listen(layer, citizen)
        with django_capture_on_commit_callbacks(execute=True):
            client_for(other_citizen).post(API + f"issues/{issue.id}/comments/", {"content": "Hi @ada"}, format="json")
        comment = Comment.objects.get(issue=issue)
        assert sorted(Notification.objects.values_list("user_id", "type")) == sorted(
            [(citizen.pk, "comment"), (admin.pk, "mention")]
        )
        # The tenth comment earns its badge.
        assert UserBadge.objects.filter(user=other_citizen, badge__name="Conversation Starter").exists()

        with django_capture_on_commit_callbacks(execute=True):
            comment_created_effects.delay(str(comment.pk))  # a redelivered task
        assert Notification.objects.count() == 2
        assert UserBadge.objects.filter(user=other_citizen).count() == 1
        pushed = frames(layer, reporter_socket)
        assert [frame["type"] for frame in pushed].count("notification") == 1
        new_comment = [frame["data"] for frame in pushed if frame["type"] == "new_comment"]
        assert new_comment and new_comment[0]["comment"]["id"] == str(comment.pk)

    def test_a_comment_deleted_before_its_task_announces_nothing(
        self, client_for, citizen, other_citizen, issue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as queued:
            client_for(other_citizen).post(API + f"issues/{issue.id}/comments/", {"content": "Oops"}, format="json")
        Comment.objects.all().delete()
        queued[0]()
        assert not Notification.objects.exists()
