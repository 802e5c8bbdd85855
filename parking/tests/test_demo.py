"""seed_demo for Parking: logins of each user type, listings around one city, the seeker's bookings in every state,
reviews of completed stays with the listings' figures equal to the rows, and conversations with the host."""

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum

from parking.models import (
    AvailabilityWindow,
    Booking,
    BookingStatus,
    Conversation,
    Listing,
    ListingPhoto,
    Message,
    Review,
)

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_parking_once(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", product="parking")
    out = capsys.readouterr().out
    for login in ("host@parking.demo", "seeker@parking.demo", "both@parking.demo", "admin@parking.demo"):
        assert login in out
    listings = Listing.objects.all()
    assert listings.count() == 24 and {listing.city for listing in listings} == {"Austin"}
    assert ListingPhoto.objects.count() == 24 and AvailabilityWindow.objects.count() == 24
    assert not ListingPhoto.objects.filter(thumbnail="").exists()  # made by the task after commit
    assert set(Booking.objects.values_list("status", flat=True)) == set(BookingStatus.values)
    seeded = {model: model.objects.count() for model in (Listing, Booking, Review, Conversation, Message)}
    call_command("seed_demo", product="parking")
    assert {model: model.objects.count() for model in seeded} == seeded
    assert Listing.objects.count() == 24


def test_demo_reviews_are_of_completed_stays_and_counted_on_their_listings():
    call_command("seed_demo", product="parking")
    reviews = Review.objects.select_related("booking")
    assert reviews.count() == 6
    assert all(review.booking.status == BookingStatus.COMPLETED for review in reviews)
    assert all(review.author_id == review.booking.guest_id for review in reviews)
    assert all(review.listing_id == review.booking.listing_id for review in reviews)
    # The story's own completed stay is left for whoever tries the demo to review.
    assert Booking.objects.filter(status=BookingStatus.COMPLETED, reviews__isnull=True).count() == 1
    counted = Listing.objects.annotate(n=Count("reviews"), total=Sum("reviews__rating"))
    assert sum(listing.review_count for listing in counted) == 6
    for listing in counted:
        assert (listing.review_count, listing.rating_total) == (listing.n, listing.total or 0)


def test_demo_conversations_are_between_the_seeker_and_the_host():
    call_command("seed_demo", product="parking")
    conversations = Conversation.objects.select_related("seeker", "host")
    assert conversations.count() == 2
    for conversation in conversations:
        assert (conversation.seeker.email, conversation.host.email) == ("seeker@parking.demo", "host@parking.demo")
        messages = list(conversation.messages.order_by("created_at", "id"))
        assert len(messages) >= 2
        senders = {message.sender_id for message in messages}
        assert senders == {conversation.seeker_id, conversation.host_id}
        assert messages[0].sender_id == conversation.seeker_id
        assert conversation.last_activity_at >= messages[-1].created_at
