"""Demo data for A-List Home Pros: logins of each role, a few dozen pros with portfolios and reviews,
and the demo client's conversations, appointments and payments with the demo pro. Idempotent.

With `seed_demo --scale N` (benchmarks), bulk data linear in N on top: see alistpros/demo/scale.py.
"""

import random
from datetime import time, timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from alistpros.demo.common import NAMES, REVIEW_COMMENTS, TRADES
from alistpros.demo.scale import seed_at_scale
from alistpros.models import (
    Appointment,
    AppointmentStatus,
    AvailabilitySlot,
    Conversation,
    Message,
    Payment,
    PaymentStatus,
    PortfolioItem,
    ProProfile,
    Review,
    ServiceCategory,
)

PRO_COUNT = 36


def seed(context) -> None:
    context.account(email="admin@alistpros.demo", role="admin", name="Demo Admin")
    pro = context.account(email="pro@alistpros.demo", role="contractor", name="Demo Pro", phone="+15550100")
    client = context.account(email="client@alistpros.demo", role="client", name="Demo Client", phone="+15550101")
    if not ProProfile.objects.filter(user=pro).exists():  # else seeded before
        _seed_small(context, pro=pro, client=client)
    if context.scale:
        seed_at_scale(scale=context.scale, client=client, pro=pro)


def _seed_small(context, *, pro, client) -> None:
    rng = random.Random("alistpros-demo")  # noqa: S311 - demo data, not security
    categories = list(ServiceCategory.objects.all())
    reviewers = [client] + [
        context_account_quiet(context, email=f"client{n}@alistpros.demo", role="client", name=f"Client {n}")
        for n in range(1, 6)
    ]
    # No pro is onboarded: a Connect account lives at Stripe (or `make stripe`), so onboarding is a step
    # the person trying the demo takes (README, "Payments without a Stripe account").
    demo_profile = _profile(pro, "Demo Pro Plumbing", categories, rng)
    profiles = [demo_profile]
    for n in range(1, PRO_COUNT):
        category = rng.choice(categories)
        suffix = TRADES.get(category.name, (category.name, []))[0]
        user = context_account_quiet(
            context, email=f"pro{n}@alistpros.demo", role=rng.choice(["contractor", "crew", "specialist"]),
            name=f"Pro {n}",
        )
        name = f"{rng.choice(NAMES)} {suffix} {n}"
        profiles.append(_profile(user, name, [category], rng))
    for profile in profiles:
        _portfolio(profile, rng)
        _reviews(profile, reviewers, rng)
    _client_story(client, pro, demo_profile, categories)
    # The demo client paid the demo pro and had an appointment completed: a verified review.
    Review.objects.filter(profile=demo_profile, client=client).update(is_verified=True)


def context_account_quiet(context, **fields):
    """A demo account that is not printed among the logins (there are dozens; their password is the demo one)."""
    logins = len(context.logins)
    user = context.account(**fields)
    del context.logins[logins:]
    return user


def _profile(user, business_name: str, categories, rng) -> ProProfile:
    profile = ProProfile.objects.create(
        user=user,
        business_name=business_name,
        business_description=f"{business_name}: licensed, insured and proud of tidy work sites.",
        years_of_experience=rng.randint(1, 30),
        license_number=f"LIC-{rng.randint(10000, 99999)}",
        insurance_info=f"Fully insured - Policy #{rng.randint(100000, 999999)}",
        service_radius=rng.choice([10, 25, 40, 50, 75, 100]),
    )
    profile.service_categories.set(rng.sample(categories, k=min(len(categories), rng.randint(1, 3))))
    return profile


def _portfolio(profile: ProProfile, rng) -> None:
    category = profile.service_categories.first()
    titles = TRADES.get(category.name if category else "", ("", ["Home renovation"]))[1] or ["Home renovation"]
    today = timezone.localdate()
    PortfolioItem.objects.bulk_create(
        PortfolioItem(
            profile=profile,
            title=title,
            description=f"{title} completed for a happy homeowner.",
            completion_date=today - timedelta(days=rng.randint(10, 700)),
        )
        for title in rng.sample(titles, k=min(2, len(titles)))
    )


def _reviews(profile: ProProfile, reviewers, rng) -> None:
    chosen = rng.sample(reviewers, k=rng.randint(0, len(reviewers)))
    Review.objects.bulk_create(
        Review(profile=profile, client=reviewer, rating=rng.choice([3, 4, 5, 5]), comment=rng.choice(REVIEW_COMMENTS))
        for reviewer in chosen
    )
    totals = Review.objects.filter(profile=profile).aggregate(count=Count("pk"), total=Sum("rating"))
    ProProfile.objects.filter(pk=profile.pk).update(total_reviews=totals["count"], rating_total=totals["total"] or 0)


def _client_story(client, pro, profile: ProProfile, categories) -> None:
    """The demo client and the demo pro: a conversation, three appointments, two payments."""
    conversation = Conversation.objects.create(title="Kitchen faucet repair")
    conversation.participants.set([client, pro])
    for sender, content in (
        (client, "Hi, I'm interested in your plumbing services."),
        (pro, "Hello! I'd be happy to help. What kind of plumbing work do you need?"),
        (client, "I need help with a leaky faucet in my kitchen."),
        (pro, "I can start the project next Monday."),
    ):
        message = Message.objects.create(conversation=conversation, sender=sender, content=content)
        message.read_by.set([client, pro])
    plumbing = next((category for category in categories if category.name == "Plumbing"), categories[0])
    today = timezone.localdate()
    story = ((-14, AppointmentStatus.COMPLETED), (3, AppointmentStatus.CONFIRMED), (10, AppointmentStatus.REQUESTED))
    for offset, status in story:
        Appointment.objects.create(
            client=client,
            contractor=profile,
            service_category=plumbing,
            appointment_date=today + timedelta(days=offset),
            start_time=time(9),
            end_time=time(11),
            status=status,
            notes="Kitchen faucet repair",
            location="123 Main St, Springfield",
            estimated_cost=15000,
        )
    AvailabilitySlot.objects.bulk_create(
        AvailabilitySlot(contractor=profile, day_of_week=day, start_time=time(9), end_time=time(17)) for day in range(5)
    )
    for n, (amount, status) in enumerate(((15000, PaymentStatus.COMPLETED), (8000, PaymentStatus.PENDING)), start=1):
        Payment.objects.create(
            client=client,
            alistpro=profile,
            amount=amount,
            platform_fee=amount // 10,
            description="Plumbing repair service" if n == 1 else "Follow-up visit",
            status=status,
            stripe_payment_intent_id=f"pi_demo{profile.pk:06d}{n}",
            completed_at=timezone.now() - timedelta(days=14) if status == PaymentStatus.COMPLETED else None,
        )
