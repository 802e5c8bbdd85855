"""seed_demo --scale for A-List: bulk data linear in the scale, counters equal to the rows, seeded once."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from alistpros.demo.scale import DAYS_AHEAD, MIN_SCALE, busy_conversation_title, client_email, pro_email, scale_counts
from alistpros.models import Appointment, Conversation, Message, Payment, PortfolioItem, ProProfile, Review

pytestmark = pytest.mark.django_db
SCALE = 0.005
User = get_user_model()


def rows() -> dict[str, int]:
    return {
        "pros": ProProfile.objects.count(),
        "clients": User.objects.filter(realm="alistpros", role="client").count(),
        "reviews": Review.objects.count(),
        "conversations": Conversation.objects.count(),
        "messages": Message.objects.count(),
        "appointments": Appointment.objects.count(),
        "payments": Payment.objects.count(),
        "portfolio": PortfolioItem.objects.count(),
        "read": Message.read_by.through.objects.count(),
    }


def test_scale_counts_are_the_issue_s_and_linear():
    assert scale_counts(1) == {
        "pros": 5_000, "clients": 20_000, "reviews": 300_000, "conversations": 20_000, "messages": 300_000,
        "appointments": 50_000, "payments": 30_000,
    }  # fmt: skip
    assert scale_counts(2 * SCALE) == {name: 2 * count for name, count in scale_counts(SCALE).items()}


def test_seed_demo_at_scale_once(capsys):
    call_command("seed_demo", "--product", "alistpros")
    small = rows()
    call_command("seed_demo", "--product", "alistpros", "--scale", str(SCALE))
    assert "client@alistpros.demo" in capsys.readouterr().out
    bulk = {name: count - small[name] for name, count in rows().items()}
    counts = scale_counts(SCALE)
    assert {name: bulk[name] for name in counts} == counts
    assert bulk["portfolio"] == 2 * counts["pros"]
    assert User.objects.filter(email=pro_email(counts["pros"] - 1)).exists()
    assert User.objects.filter(email=client_email(counts["clients"] - 1)).exists()

    # 1 to 3 categories per pro; review counters equal the rows; one review per client and pro (the constraint).
    offered = ProProfile.objects.annotate(n=Count("service_categories"))
    assert not offered.filter(Q(n__lt=1) | Q(n__gt=3)).exists()
    counted = ProProfile.objects.annotate(n=Count("reviews"), total=Sum("reviews__rating"))
    assert not counted.exclude(total_reviews=F("n")).exists()
    assert all(profile.rating_total == (profile.total or 0) for profile in counted)
    assert ProProfile.objects.filter(total_reviews__gt=0).count() > counts["pros"] // 2

    # The busy conversation: the demo client and the demo pro, 1% of the messages, mostly read by both.
    busy = Conversation.objects.get(title=busy_conversation_title(SCALE))
    emails = set(busy.participants.values_list("email", flat=True))
    assert emails == {"client@alistpros.demo", "pro@alistpros.demo"}
    assert busy.messages.count() == round(counts["messages"] * 0.01)
    read_twice = busy.messages.annotate(n=Count("read_by")).filter(n=2).count()
    assert read_twice == busy.messages.count() - 3
    # Every other conversation is between a client and a pro, each message read by its sender.
    two = Conversation.objects.annotate(n=Count("participants")).filter(n=2)
    assert two.count() == Conversation.objects.count()
    by_sender = Message.read_by.through.objects.filter(user_id=F("message__sender_id"))
    assert by_sender.count() == Message.objects.count()
    # Nothing booked after DAYS_AHEAD (the benchmark books there), no two holding appointments of a pro overlap.
    last = Appointment.objects.order_by("-appointment_date").values_list("appointment_date", flat=True).first()
    assert timezone.localdate() < last <= timezone.localdate() + timedelta(days=DAYS_AHEAD)
    slots = Appointment.objects.values("contractor", "appointment_date", "start_time").annotate(n=Count("id"))
    assert not slots.filter(n__gt=1).exists()

    # A second run adds nothing; another scale is refused.
    seeded = rows()
    call_command("seed_demo", "--product", "alistpros", "--scale", str(SCALE))
    assert rows() == seeded
    with pytest.raises(CommandError, match="another scale"):
        call_command("seed_demo", "--product", "alistpros", "--scale", str(2 * SCALE))


def test_too_small_a_scale_is_refused():
    with pytest.raises(CommandError, match=f"--scale {MIN_SCALE}"):
        call_command("seed_demo", "--product", "alistpros", "--scale", str(MIN_SCALE / 2))
