"""seed_demo --scale for Ressourcefy: bulk data linear in the scale, counters equal to the rows, seeded once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, F, Q, Sum

from ressourcefy.demo.scale import scale_counts, scale_tag_name
from ressourcefy.models import Comment, CommentVote, Profile, Resource, ResourceVersion

pytestmark = pytest.mark.django_db
SCALE = 0.002
User = get_user_model()


def rows() -> dict[str, int]:
    return {
        "users": User.objects.filter(realm="ressourcefy").count(),
        "resources": Resource.objects.count(),
        "comments": Comment.objects.count(),
        "votes": CommentVote.objects.count(),
        "versions": ResourceVersion.objects.count(),
        "profiles": Profile.objects.count(),
    }


def test_scale_counts_are_linear():
    assert scale_counts(1) == {"users": 20_000, "resources": 100_000, "comments": 500_000, "votes": 500_000}
    assert scale_counts(2 * SCALE) == {name: 2 * count for name, count in scale_counts(SCALE).items()}


def test_seed_demo_at_scale_once():
    call_command("seed_demo", "--product", "ressourcefy")
    small = rows()
    call_command("seed_demo", "--product", "ressourcefy", "--scale", str(SCALE))
    bulk = {name: count - small[name] for name, count in rows().items()}
    counts = scale_counts(SCALE)
    assert {name: bulk[name] for name in counts} == counts
    assert bulk["versions"] == counts["resources"] and bulk["profiles"] == counts["users"]
    assert Resource.objects.filter(tags__name=scale_tag_name(SCALE)).count() == counts["resources"]
    # The figures equal the rows.
    wrong_scores = Comment.objects.annotate(total=Sum("votes__value")).exclude(
        Q(score=F("total")) | Q(total__isnull=True, score=0)
    )
    assert not wrong_scores.exists()
    counted = Resource.objects.annotate(n=Count("comments")).exclude(comment_count=F("n"))
    assert not counted.exists()
    assert not Comment.objects.filter(resource__visibility="private").exists()
    # Again at the same scale: nothing more; at another scale: refused.
    call_command("seed_demo", "--product", "ressourcefy", "--scale", str(SCALE))
    assert rows() == {name: small[name] + bulk[name] for name in rows()}
    with pytest.raises(Exception, match="another scale"):
        call_command("seed_demo", "--product", "ressourcefy", "--scale", str(2 * SCALE))
