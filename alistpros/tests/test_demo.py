"""seed_demo for A-List: logins of each role, pros with portfolios and reviews, the demo client's story; idempotent."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from alistpros.models import Appointment, Conversation, Payment, PortfolioItem, ProProfile, Review

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_alist_once(capsys):
    call_command("seed_demo", product="alistpros")
    out = capsys.readouterr().out
    for login in ("admin@alistpros.demo", "pro@alistpros.demo", "client@alistpros.demo"):
        assert login in out
    assert ProProfile.objects.count() >= 30 and PortfolioItem.objects.exists() and Review.objects.exists()
    assert Conversation.objects.exists() and Appointment.objects.exists() and Payment.objects.exists()
    # The kept review figures equal the rows.
    for profile in ProProfile.objects.annotate(count=Count("reviews"), total=Sum("reviews__rating")):
        assert (profile.total_reviews, profile.rating_total) == (profile.count, profile.total or 0)
    counts = (ProProfile.objects.count(), Review.objects.count(), Payment.objects.count())
    call_command("seed_demo", product="alistpros")
    assert (ProProfile.objects.count(), Review.objects.count(), Payment.objects.count()) == counts
