"""Reads of Parking accounts: the admin list, one account as a viewer may see it, the account's figures."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet, Sum

from parking.models import Booking, BookingStatus, Listing, ParkingProfile, PaymentStatus
from parking.models.accounts import ADMIN_ROLE, BOOKING_ROLES, HOSTING_ROLES

REALM = "parking"


def user_list(*, user_type: str | None = None, is_active: bool | None = None) -> QuerySet:
    """Every Parking account, newest first, with its profile in the same query."""
    queryset = get_user_model().objects.filter(realm=REALM).select_related("parking_profile")
    if user_type:
        queryset = queryset.filter(role=user_type)
    if is_active is not None:
        queryset = queryset.filter(is_active=is_active)
    return queryset.order_by("-date_joined", "-id")


def user_get(*, user_id, viewer):
    """The account `user_id` as `viewer` may reach it: administrators see deactivated accounts, others do not."""
    queryset = get_user_model().objects.by_public_id(REALM, user_id).select_related("parking_profile")
    if not is_parking_admin(viewer):
        queryset = queryset.filter(is_active=True)
    return queryset.first()


def is_parking_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.realm == REALM and user.role == ADMIN_ROLE)


def profile_of(user) -> ParkingProfile | None:
    """The account's profile if it has one (select_related or a cached read; no error when missing)."""
    try:
        return user.parking_profile
    except ParkingProfile.DoesNotExist:
        return None


def user_stats(*, user) -> dict:
    """What is true of the account today, from the data.

    `bookings_made` counts the account's bookings as a guest, `bookings_hosted` those of its listings,
    `earnings` the price of its hosts' bookings that were completed and paid, `average_rating` over the
    visible reviews of its listings (null without any: no review is not a zero rating).
    """
    profile = profile_of(user)
    made = Booking.objects.filter(guest=user).count()
    hosted = Booking.objects.filter(listing__host=user).aggregate(
        count=Count("pk"),
        earned=Sum("total_price", filter=Q(status=BookingStatus.COMPLETED, payment_status=PaymentStatus.PAID)),
    )
    ratings = Listing.objects.alive().filter(host=user).aggregate(total=Sum("rating_total"), count=Sum("review_count"))
    return {
        "user_type": user.role,
        "can_host": user.role in HOSTING_ROLES,
        "can_book": user.role in BOOKING_ROLES,
        "is_verified": bool(profile and profile.is_verified),
        "member_since": user.date_joined,
        "listings": Listing.objects.alive().filter(host=user).count(),
        "bookings_made": made,
        "bookings_hosted": hosted["count"],
        "earnings": hosted["earned"] or 0,
        "reviews_received": ratings["count"] or 0,
        "average_rating": round(ratings["total"] / ratings["count"], 1) if ratings["count"] else None,
    }
