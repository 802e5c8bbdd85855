"""Shapes rendered by hand for hot lists equal what their declared serializer fields render."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from rest_framework import serializers

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


def _declared(serializer, instance) -> dict:
    return serializers.Serializer.to_representation(serializer, instance)


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
                assert serializer.to_representation(comment) == _declared(serializer, comment)
                for reply in comment.thread_replies:
                    reply.issue = issue
                    serializer = CommentReplySerializer(context=context)
                    assert serializer.to_representation(reply) == _declared(serializer, reply)
        assert CommentSerializer(top, context={}).data == _declared(CommentSerializer(context={}), top)


def test_notifications(citizen, other_citizen):
    issue = make_issue(citizen)
    notification_create(user=citizen, type="upvote", title="New Uplift", message="Hi", issue=issue, actor=other_citizen)
    notification_create(user=citizen, type="system", title="Welcome", message="Hello")
    context = {"request": _request(citizen)}
    notifications = list(notifications_for(user=citizen))
    assert len(notifications) == 2
    for notification in notifications:
        serializer = NotificationSerializer(context=context)
        assert serializer.to_representation(notification) == _declared(serializer, notification)
