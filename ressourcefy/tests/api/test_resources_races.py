"""Resources and votes under concurrency (PostgreSQL): version numbers without gaps, exact comment scores."""

import pytest
from django.db import transaction
from django.db.models import Sum

from core.testing.races import statuses_together
from ressourcefy.models import Comment, CommentVote, Resource, ResourceVersion
from ressourcefy.services.comments import comment_create
from ressourcefy.services.resources import resource_create
from ressourcefy.tests.conftest import API

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

VERSIONS = API + "resources/versions/"
VOTE = API + "comments/vote/"


@pytest.fixture
def resource(contributor):
    with transaction.atomic():
        return resource_create(author=contributor, title="Guide", description="About it.", visibility="public")


def test_twenty_concurrent_versions_take_one_to_twenty(client_for, contributor, resource):
    clients = [client_for(contributor) for _ in range(20)]
    calls = [
        lambda c=c, n=n: c.post(
            VERSIONS, {"resource_id": str(resource.pk), "file_url": f"https://cdn.example.com/v{n}.pdf"}, format="json"
        )
        for n, c in enumerate(clients)
    ]
    assert statuses_together(calls) == [201] * 20
    numbers = sorted(ResourceVersion.objects.filter(resource=resource).values_list("version_number", flat=True))
    assert numbers == list(range(1, 21))
    assert Resource.objects.get(pk=resource.pk).version_count == 20


def test_thirty_voters_at_once_leave_the_exact_score(client_for, rfy_account, contributor, resource):
    comment = comment_create(author=contributor, resource=resource, body="Vote on me")
    clients = [client_for(rfy_account("USER", f"voter{n}")) for n in range(30)]
    calls = [
        lambda c=c, n=n: c.post(VOTE, {"comment_id": str(comment.pk), "vote_value": 1 if n % 3 else -1}, format="json")
        for n, c in enumerate(clients)
    ]
    assert statuses_together(calls) == [200] * 30
    comment.refresh_from_db()
    assert comment.score == CommentVote.objects.filter(comment=comment).aggregate(s=Sum("value"))["s"] == 20 - 10
    assert CommentVote.objects.filter(comment=comment).count() == 30


def test_one_users_double_submit_counts_once(client_for, reader, contributor, resource):
    comment = comment_create(author=contributor, resource=resource, body="Vote on me")
    clients = [client_for(reader) for _ in range(4)]
    calls = [lambda c=c: c.post(VOTE, {"comment_id": str(comment.pk), "vote_value": 1}, format="json") for c in clients]
    assert statuses_together(calls) == [200, 422, 422, 422]
    assert CommentVote.objects.filter(comment=comment).count() == 1
    assert Comment.objects.get(pk=comment.pk).score == 1
