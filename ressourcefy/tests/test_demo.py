"""seed_demo for Ressourcefy: a login of each role, resources of each visibility, consistent figures, idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Sum

from ressourcefy.models import (
    Comment,
    CommentVote,
    OnboardingStep,
    Price,
    PriceKind,
    Profile,
    Resource,
    Subscription,
    SubscriptionStatus,
    Tag,
    Visibility,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def counts() -> dict:
    return {
        "users": User.objects.filter(realm="ressourcefy").count(),
        "resources": Resource.objects.count(),
        "comments": Comment.objects.count(),
        "prices": Price.objects.count(),
        "subscriptions": Subscription.objects.count(),
        "tags": Tag.objects.count(),
    }


def test_seed_demo_makes_every_role_onboarded_and_the_data_consistent(capsys):
    call_command("seed_demo", "--product", "ressourcefy")
    assert "reader@ressourcefy.demo" in capsys.readouterr().out
    roles = set(User.objects.filter(realm="ressourcefy").values_list("role", flat=True))
    assert roles == {"USER", "CONTRIBUTOR", "MODERATOR", "ADMIN", "SUPERADMIN"}
    users = User.objects.filter(realm="ressourcefy")
    assert all(user.is_verified for user in users)
    assert Profile.objects.filter(user__in=users, onboarding_step=OnboardingStep.COMPLETED).count() == users.count()
    assert set(Resource.objects.values_list("visibility", flat=True)) == set(Visibility.values)
    figures = Resource.objects.annotate(
        n_versions=Count("versions", distinct=True), n_comments=Count("comments", distinct=True)
    )
    for resource in figures:
        assert resource.version_count == resource.n_versions >= 1
        assert resource.comment_count == resource.n_comments
        assert (resource.price_cents is not None) == (resource.visibility == Visibility.PREMIUM)
    for comment in Comment.objects.annotate(total=Sum("votes__value")):
        assert comment.score == (comment.total or 0)
    assert CommentVote.objects.exists()
    assert Price.objects.filter(kind=PriceKind.SUBSCRIPTION, active=True).exists()
    premium = Resource.objects.filter(visibility=Visibility.PREMIUM)
    assert Price.objects.filter(kind=PriceKind.ONE_TIME, resource__in=premium).count() == premium.count()
    subscription = Subscription.objects.get(user__email="subscriber@ressourcefy.demo")
    assert subscription.status == SubscriptionStatus.ACTIVE


def test_seed_demo_twice_adds_nothing():
    call_command("seed_demo", "--product", "ressourcefy")
    first = counts()
    call_command("seed_demo", "--product", "ressourcefy")
    assert counts() == first


def test_seed_demo_makes_the_prices_at_stripe_with_a_key(settings, local_stripe):
    local_stripe.configure(settings, "ressourcefy", webhook_secret="whsec_demo")
    call_command("seed_demo", "--product", "ressourcefy")
    for price in Price.objects.all():
        assert price.stripe_price_id.startswith("price_") and not price.stripe_price_id.startswith("price_demo_")
