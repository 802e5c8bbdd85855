"""Demo data for Ressourcefy: a login of each role (activated, onboarded), tags, public, premium and private
resources with versions, comments and votes, the prices Checkout sells, and an active subscription. Idempotent.

With `seed_demo --scale N` (benchmarks), bulk data linear in N on top: see ressourcefy/demo/scale.py.
"""

import random
from datetime import timedelta

from django.utils import timezone

from core.payments.gateway import payments_enabled
from ressourcefy.demo.scale import seed_at_scale
from ressourcefy.models import (
    Comment,
    CommentVote,
    OnboardingStep,
    Price,
    PriceKind,
    Profile,
    Resource,
    ResourceVersion,
    Subscription,
    SubscriptionStatus,
    Tag,
    Visibility,
)

TAGS = ["Python", "Django", "React", "DevOps", "Data Science", "Security", "Design", "Career"]
SUBSCRIPTION_CENTS = 999
# Without a Stripe key the demo's prices carry these ids: checkout needs a key (README, "Billing").
DEMO_SUBSCRIPTION_PRICE = "price_demo_premium_monthly"
RESOURCES = [
    ("Django ORM cheat sheet", Visibility.PUBLIC, None, ["Python", "Django"]),
    ("React hooks in practice", Visibility.PUBLIC, None, ["React"]),
    ("Shipping with Docker and CI", Visibility.PUBLIC, None, ["DevOps"]),
    ("Advanced Django performance", Visibility.PREMIUM, 1500, ["Python", "Django"]),
    ("Threat modelling workbook", Visibility.PREMIUM, 2500, ["Security"]),
    ("My unpublished draft", Visibility.PRIVATE, None, ["Career"]),
]
COMMENTS = [
    "Exactly what I needed, thank you!",
    "Could you add a section on testing?",
    "The second version fixed my question.",
    "Great examples, very clear.",
    "Bookmarked for the team.",
]


def seed(context) -> None:
    superadmin = _account(context, "superadmin", "SUPERADMIN", "Demo Superadmin")
    admin = _account(context, "admin", "ADMIN", "Demo Admin")
    moderator = _account(context, "moderator", "MODERATOR", "Demo Moderator")
    author = _account(context, "author", "CONTRIBUTOR", "Demo Author")
    reader = _account(context, "reader", "USER", "Demo Reader")
    subscriber = _account(context, "subscriber", "USER", "Demo Subscriber")
    tags = {name: Tag.objects.get_or_create(name=name, defaults={"slug": _slug(name)})[0] for name in TAGS}
    if not Resource.objects.filter(author=author).exists():  # else seeded before
        _resources(author=author, tags=tags, voters=[superadmin, admin, moderator, reader, subscriber])
    _prices(author=author)
    _subscription(subscriber)
    if context.scale:
        seed_at_scale(scale=context.scale, author=author)


def _slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def _account(context, name: str, role: str, full_name: str):
    user = context.account(email=f"{name}@ressourcefy.demo", role=role, name=full_name, username=f"{name}_demo")
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "onboarding_step": OnboardingStep.COMPLETED,
            "bio": f"{full_name}, here to show what a {role.lower()} sees.",
            "accepted_terms_at": timezone.now(),
        },
    )
    return user


def _resources(*, author, tags: dict, voters: list) -> None:
    rng = random.Random("ressourcefy-demo")  # noqa: S311 - demo data, not security
    for title, visibility, price_cents, tag_names in RESOURCES:
        resource = Resource.objects.create(
            author=author,
            title=title,
            description=f"{title}: notes, examples and exercises from the demo author.",
            visibility=visibility,
            price_cents=price_cents,
        )
        resource.tags.set([tags[name] for name in tag_names])
        versions = rng.randint(1, 3)
        for number in range(1, versions + 1):
            ResourceVersion.objects.create(
                resource=resource,
                version_number=number,
                file_url=f"https://files.ressourcefy.example/{resource.pk}/v{number}.pdf",
                created_by=author,
            )
        comments = 0 if visibility == Visibility.PRIVATE else rng.randint(1, 4)
        for body in rng.sample(COMMENTS, comments):
            comment = Comment.objects.create(resource=resource, author=rng.choice(voters), body=body)
            votes = [CommentVote(comment=comment, user=user, value=rng.choice((1, 1, -1))) for user in voters]
            votes = rng.sample(votes, rng.randint(0, len(votes)))
            CommentVote.objects.bulk_create(votes)
            comment.score = sum(vote.value for vote in votes)  # the score is the sum of its votes
            comment.save(update_fields=["score"])
        Resource.objects.filter(pk=resource.pk).update(comment_count=comments, version_count=versions)


def _prices(*, author) -> None:
    """The premium plan's price and each premium resource's: made at Stripe when Ressourcefy has a key."""
    from ressourcefy.services.billing import resource_price_ensure, subscription_price_create

    live = payments_enabled("ressourcefy")
    if not Price.objects.filter(kind=PriceKind.SUBSCRIPTION, active=True).exists():
        if live:
            subscription_price_create(amount_cents=SUBSCRIPTION_CENTS)
        else:
            Price.objects.create(
                stripe_price_id=DEMO_SUBSCRIPTION_PRICE,
                kind=PriceKind.SUBSCRIPTION,
                plan="premium",
                amount_cents=SUBSCRIPTION_CENTS,
            )
    for resource in Resource.objects.filter(author=author, visibility=Visibility.PREMIUM, prices__isnull=True):
        if live:
            resource_price_ensure(resource=resource)
        else:
            Price.objects.create(
                stripe_price_id=f"price_demo_{resource.pk.hex[:16]}",
                kind=PriceKind.ONE_TIME,
                resource=resource,
                amount_cents=resource.price_cents,
            )


def _subscription(user) -> None:
    now = timezone.now()
    Subscription.objects.get_or_create(
        stripe_subscription_id=f"sub_demo_{user.uuid.hex[:16]}",
        defaults={
            "user": user,
            "plan": "premium",
            "status": SubscriptionStatus.ACTIVE,
            "started_at": now,
            "current_period_end": now + timedelta(days=30),
        },
    )
