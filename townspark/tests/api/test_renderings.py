"""Shapes rendered by hand for hot lists equal what their declared serializer fields render."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from core.testing.renderings import declared
from townspark.api.serializers.comments import CommentReplySerializer, CommentSerializer
from townspark.api.serializers.notifications import NotificationSerializer
from townspark.selectors.comments import comment_replies_attach, comments_for_issue
from townspark.selectors.notifications import notifications_for
from townspark.services.comments import comment_create, comment_like_toggle
from townspark.services.notifications import notification_create
from townspark.tests.conftest import make_issue

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/townspark/api/v1/")
    request.user = user
    return request


def test_comments(citizen, other_citizen, admin, resolver):
    for anonymous in (False, True):
        issue = make_issue(citizen, is_anonymous=anonymous)
        top = comment_create(issue=issue, author=citizen, content="By the reporter")
        reply = comment_create(issue=issue, author=resolver, content="On it", parent=top)
        comment_create(issue=issue, author=other_citizen, content="Nested", parent=reply)
        comment_create(issue=issue, author=admin, content="Another")
        comment_like_toggle(comment_id=top.pk, user=other_citizen)
        for user in (AnonymousUser(), citizen, other_citizen, admin):
            context = {"request": _request(user)}
            comments = list(comments_for_issue(issue=issue, viewer=user))
            comment_replies_attach(comments, viewer=user)
            assert sum(len(comment.thread_replies) for comment in comments) == 2
            for comment in comments:
                comment.issue = issue
                serializer = CommentSerializer(context=context)
                assert serializer.to_representation(comment) == declared(serializer, comment)
                for reply in comment.thread_replies:
                    reply.issue = issue
                    serializer = CommentReplySerializer(context=context)
                    assert serializer.to_representation(reply) == declared(serializer, reply)
        assert CommentSerializer(top, context={}).data == declared(CommentSerializer(context={}), top)


def test_notifications(citizen, other_citizen):
    issue = make_issue(citizen)
    notification_create(user=citizen, type="upvote", title="New Uplift", message="Hi", issue=issue, actor=other_citizen)
    notification_create(user=citizen, type="system", title="Welcome", message="Hello")
    context = {"request": _request(citizen)}
    notifications = list(notifications_for(user=citizen))
    assert len(notifications) == 2
    for notification in notifications:
        serializer = NotificationSerializer(context=context)
        assert serializer.to_representation(notification) == declared(serializer, notification)


def test_full_issue(citizen, other_citizen, admin, resolver, django_assert_num_queries):
    from townspark.api.serializers.issues import IssueSerializer
    from townspark.models import IssueImage
    from townspark.selectors.issue_rows import issue_detail
    from townspark.selectors.issues import issue_get_models
    from townspark.services.issues import issue_assign, issue_official_response_set, issue_status_update

    resolver.avatar = "avatars/2026/11/rex.png"
    resolver.save()
    plain = make_issue(citizen, latitude=27.7, longitude=85.3)  # nothing added: no resolver, response or images
    anonymous = make_issue(citizen, is_anonymous=True)
    issue_assign(issue=anonymous, resolver=resolver, actor=admin)
    issue_status_update(issue=anonymous, status="in-progress", note="Crew booked", actor=resolver)
    issue_official_response_set(issue=anonymous, message="Fixing it this week", actor=resolver)
    for position, after in enumerate((False, False, True)):
        IssueImage.objects.create(
            issue=anonymous, image=f"townspark/issues/x{position}.jpg", is_after_image=after, position=position
        )
    for issue in (plain, anonymous):
        for user in (AnonymousUser(), citizen, other_citizen, admin):
            context = {"request": _request(user)}
            serializer = IssueSerializer(context=context)
            by_hand = serializer.to_representation(issue_detail(pk=issue.pk, viewer=user))  # rows, as served
            by_fields = declared(serializer, issue_get_models(pk=issue.pk, viewer=user))
            assert list(by_hand.items()) == list(by_fields.items())  # the same keys in the same order
    shown = IssueSerializer(issue_detail(pk=anonymous.pk, viewer=other_citizen), context={}).data
    assert shown["reporter"]["name"] == "Anonymous" and shown["assigned_resolver"]["name"] == "Rex Resolver"
    assert shown["assigned_resolver"]["avatar"].endswith("/media/avatars/2026/11/rex.png")
    assert shown["official_response"]["message"] == "Fixing it this week" and len(shown["timeline"]) >= 2
    assert len(shown["image_details"]) == 2 and len(shown["after_images"]) == 1
    # Four statements whoever looks, whatever the issue holds.
    for user in (AnonymousUser(), other_citizen, admin):
        with django_assert_num_queries(4):  # the issue, its images, its timeline, its official response
            data = IssueSerializer(issue_detail(pk=anonymous.pk, viewer=user), context={"request": _request(user)}).data
        assert data["resolved_at"] is None and data["department"] is not None
