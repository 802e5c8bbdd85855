"""Listing writes: create, update, soft delete, photos (checked uploads, thumbnails after commit), availability."""

import logging
from collections.abc import Iterable
from datetime import datetime
from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps
from rest_framework.exceptions import NotFound, ValidationError

from core.uploads import image_pixels_allowed, upload_check
from parking.models import FEATURE_BITS, AvailabilityWindow, Listing, ListingPhoto

logger = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTOS_PER_LISTING = 10
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
THUMBNAIL_SIZE = (400, 300)
MAX_WINDOWS_PER_LISTING = 200


def features_mask_of(features: Iterable[str]) -> int:
    mask = 0
    for code in features:
        mask |= FEATURE_BITS[code]
    return mask


def photo_validate(file) -> str:
    """The photo's format, once its content proved to be JPEG, PNG or WebP within the size and pixel limits."""
    return upload_check(file, formats=PHOTO_FORMATS, max_bytes=MAX_PHOTO_BYTES, label=file.name or "The photo").format


@transaction.atomic
def listing_create(*, host, features: Iterable[str] = (), **fields) -> Listing:
    """A new active listing of `host` (the view checked that they may host)."""
    return Listing.objects.create(host=host, features_mask=features_mask_of(features), **fields)


@transaction.atomic
def listing_update(*, listing: Listing, features: Iterable[str] | None = None, **fields) -> Listing:
    """Change the given fields; `features`, when given, replaces the whole set."""
    if features is not None:
        fields["features_mask"] = features_mask_of(features)
    for name, value in fields.items():
        setattr(listing, name, value)
    listing.save(update_fields=[*fields, "updated_at"])
    return listing


@transaction.atomic
def listing_delete(*, listing: Listing) -> None:
    """Soft delete: the row (and its photos) stay for the bookings that point at it; it leaves every list."""
    Listing.objects.filter(pk=listing.pk, deleted_at__isnull=True).update(
        deleted_at=timezone.now(), is_active=False, updated_at=timezone.now()
    )


def _locked(listing: Listing) -> Listing:
    """The listing's row, locked until commit: concurrent photo uploads and window replacements queue here."""
    try:
        return Listing.objects.alive().select_for_update().get(pk=listing.pk)
    except Listing.DoesNotExist as exc:  # deleted since the view loaded it
        raise NotFound("Listing not found.") from exc


@transaction.atomic
def listing_photos_add(*, listing: Listing, files: list) -> list[ListingPhoto]:
    """Store checked photos (at most MAX_PHOTOS_PER_LISTING per listing); thumbnails are queued after commit."""
    from parking.tasks import listing_photo_thumbnails

    if not files:
        raise ValidationError({"photos": ["Upload at least one photo."]})
    listing = _locked(listing)
    existing = listing.photos.count()
    if existing + len(files) > MAX_PHOTOS_PER_LISTING:
        raise ValidationError(
            {"photos": [f"A listing has at most {MAX_PHOTOS_PER_LISTING} photos ({existing} already)."]}
        )
    errors = []
    for file in files:
        try:
            photo_validate(file)
        except ValidationError as exc:
            errors.extend(exc.detail)
    if errors:
        raise ValidationError({"photos": errors})
    photos = []
    for file in files:
        photos.append(ListingPhoto.objects.create(listing=listing, image=file))
    ids = [photo.pk for photo in photos]
    transaction.on_commit(lambda: listing_photo_thumbnails.delay(ids))
    return photos


@transaction.atomic
def listing_photo_delete(*, listing: Listing, photo_id: int) -> None:
    """Remove one photo of this listing (404 for another listing's photo); its files go after commit."""
    photo = ListingPhoto.objects.filter(listing=listing, pk=photo_id).first()
    if photo is None:
        raise NotFound("Photo not found.")
    names = [field.name for field in (photo.image, photo.thumbnail) if field]
    storage = photo.image.storage
    photo.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


def listing_photo_thumbnail_generate(*, photo: ListingPhoto) -> bool:
    """Make one photo's thumbnail; False when it already has one (safe to run twice) or is too big to decode."""
    if photo.thumbnail:
        return False
    with photo.image.open("rb") as source, Image.open(source) as original:
        if not image_pixels_allowed(original):
            logger.warning("No thumbnail for listing photo %s: %sx%s pixels", photo.pk, *original.size)
            return False
        picture = ImageOps.exif_transpose(original)
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        thumb = ImageOps.fit(picture, THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
        buffer = BytesIO()
        thumb.save(buffer, format="JPEG", quality=85)
    photo.thumbnail.save(f"thumb_{PurePath(photo.image.name).stem}.jpg", ContentFile(buffer.getvalue()), save=False)
    ListingPhoto.objects.filter(pk=photo.pk, thumbnail="").update(thumbnail=photo.thumbnail.name)
    return True


def windows_normalize(windows: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Sorted windows with touching ones joined (so a stay across midnight fits one window); overlaps are a 400."""
    if len(windows) > MAX_WINDOWS_PER_LISTING:
        raise ValidationError({"windows": [f"At most {MAX_WINDOWS_PER_LISTING} windows per listing."]})
    merged: list[tuple[datetime, datetime]] = []
    for starts_at, ends_at in sorted(windows):
        if ends_at <= starts_at:
            raise ValidationError({"windows": ["Each window must end after it starts."]})
        if merged and starts_at < merged[-1][1]:
            raise ValidationError(
                {
                    "windows": [
                        f"Windows overlap: {merged[-1][0].isoformat()} - {merged[-1][1].isoformat()} "
                        f"and {starts_at.isoformat()} - {ends_at.isoformat()}."
                    ]
                }
            )
        if merged and starts_at == merged[-1][1]:
            merged[-1] = (merged[-1][0], ends_at)
        else:
            merged.append((starts_at, ends_at))
    return merged


@transaction.atomic
def listing_availability_replace(
    *, listing: Listing, windows: list[tuple[datetime, datetime]]
) -> list[AvailabilityWindow]:
    """Replace every availability window of the listing with `windows` (an empty list clears them)."""
    normalized = windows_normalize(windows)
    listing = _locked(listing)
    AvailabilityWindow.objects.filter(listing=listing).delete()
    return AvailabilityWindow.objects.bulk_create(
        [AvailabilityWindow(listing=listing, starts_at=start, ends_at=end) for start, end in normalized]
    )
