"""Writes of the pros area: a pro's profile and portfolio, clients' reviews with the profile's review figures."""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework.exceptions import NotFound, ValidationError

from alistpros.models import (
    Appointment,
    AppointmentStatus,
    Payment,
    PaymentStatus,
    PortfolioItem,
    ProProfile,
    Review,
    ServiceCategory,
)
from core.api.exceptions import Conflict
from core.uploads import upload_check, upload_name

IMAGE_MAX_BYTES = 5 * 1024 * 1024
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")
PROFILE_FIELDS = (
    "business_name",
    "business_description",
    "years_of_experience",
    "license_number",
    "insurance_info",
    "service_radius",
)


class ProfileMissing(NotFound):
    default_detail = "You have no pro profile yet: create it first."
    default_code = "profile_not_found"


def image_validate(file, *, label: str = "The image") -> None:
    """A JPEG, PNG or WebP image by its content, at most 5 MB and within the pixel limit."""
    upload_check(file, formats=IMAGE_FORMATS, max_bytes=IMAGE_MAX_BYTES, label=label)


def _store_image(file, *, label: str):
    image_validate(file, label=label)
    file.name = upload_name(file)
    return file


@transaction.atomic
def pro_profile_create(
    *, user, business_name: str, service_categories: list[ServiceCategory] | None = None, profile_image=None, **fields
) -> ProProfile:
    """The pro's one profile; a second (concurrent ones too: the one-to-one on the user decides) is a 400."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    if ProProfile.objects.filter(user=user).exists():
        raise _profile_exists()
    if profile_image is not None:
        _store_image(profile_image, label="The profile image")
    try:
        with transaction.atomic():
            profile = ProProfile.objects.create(
                user=user, business_name=business_name, profile_image=profile_image or "", **fields
            )
            if service_categories:
                profile.service_categories.set(service_categories)
    except IntegrityError as exc:
        raise _profile_exists() from exc
    return profile


def _profile_exists() -> ValidationError:
    return ValidationError({"user": ["You already have a pro profile: update it instead."]}, code="profile_exists")


@transaction.atomic
def pro_profile_update(
    *, user, service_categories: list[ServiceCategory] | None = None, profile_image=..., **fields
) -> ProProfile:
    """Change the given fields of the caller's own profile (absent ones stay); profile_image=None removes it."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {sorted(unknown)}")
    profile = ProProfile.objects.select_for_update().filter(user=user).first()
    if profile is None:
        raise ProfileMissing()
    for field, value in fields.items():
        setattr(profile, field, value)
    if profile_image is None:
        profile.profile_image = ""
    elif profile_image is not ...:
        profile.profile_image = _store_image(profile_image, label="The profile image")
    profile.save()
    if service_categories is not None:
        profile.service_categories.set(service_categories)
    return profile


@transaction.atomic
def portfolio_item_create(
    *, user, title: str, description: str = "", completion_date: date | None = None, image=None
) -> PortfolioItem:
    """A piece of work in the pro's portfolio; 404 when the pro has no profile to attach it to."""
    profile = ProProfile.objects.filter(user=user).first()
    if profile is None:
        raise ProfileMissing()
    if completion_date is not None and completion_date > timezone.localdate():
        raise ValidationError({"completion_date": ["The completion date cannot be in the future."]})
    if image is not None:
        _store_image(image, label="The image")
    return PortfolioItem.objects.create(
        profile=profile, title=title, description=description, completion_date=completion_date, image=image or ""
    )


def review_is_verified(*, client, profile: ProProfile) -> bool:
    """The client paid this pro (a completed payment) or had a completed appointment with them."""
    payments = Payment.objects.filter(client=client, alistpro=profile, status=PaymentStatus.COMPLETED)
    appointments = Appointment.objects.filter(client=client, contractor=profile, status=AppointmentStatus.COMPLETED)
    return payments.exists() or appointments.exists()


@transaction.atomic
def review_create(*, client, profile_id: int, rating: int, comment: str = "") -> Review:
    """A client's one review of a pro (a second is a 409, concurrent ones too: the unique constraint decides).

    The profile's total_reviews and rating_total move in the same transaction with F() expressions, so
    concurrent reviews of one pro all count and the figures always equal the rows.
    """
    profile = ProProfile.objects.filter(pk=profile_id).first()
    if profile is None:
        raise NotFound("No pro profile with this id.")
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": ["The rating must be between 1 and 5."]})
    if Review.objects.filter(profile=profile, client=client).exists():
        raise _already_reviewed()
    try:
        with transaction.atomic():
            review = Review.objects.create(
                profile=profile,
                client=client,
                rating=rating,
                comment=comment,
                is_verified=review_is_verified(client=client, profile=profile),
            )
    except IntegrityError as exc:
        raise _already_reviewed() from exc
    ProProfile.objects.filter(pk=profile.pk).update(
        total_reviews=F("total_reviews") + 1, rating_total=F("rating_total") + rating
    )
    return review


def _already_reviewed() -> Conflict:
    return Conflict("You have already reviewed this pro.", code="already_reviewed")
