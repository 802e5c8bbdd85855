"""Parking accounts: sign-up details, profile updates, deactivation, identity verification by an admin."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from core.uploads import upload_check, upload_name
from parking.models import ParkingProfile
from parking.models.accounts import ADMIN_ROLE

REALM = "parking"
PICTURE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
PICTURE_MAX_BYTES = 5 * 1024 * 1024


def profile_picture_validate(image) -> None:
    """A JPEG, PNG, GIF or WebP image by its content, at most 5 MB and within the pixel limit."""
    upload_check(image, formats=PICTURE_FORMATS, max_bytes=PICTURE_MAX_BYTES, label="The profile picture")


def _profile_locked(user) -> ParkingProfile:
    """The account's profile, made if missing (accounts made by operators or the demo have none), row-locked."""
    first, _, last = (user.name or "").partition(" ")
    profile, _ = ParkingProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"first_name": first, "last_name": last}
    )
    return profile


def _lock_account(user_id: int):
    # The account row is the lock that serialises every write to one Parking account.
    return get_user_model().objects.select_for_update().get(pk=user_id, realm=REALM)


@transaction.atomic
def account_profile_update(
    *,
    user,
    first_name: str | None = None,
    last_name: str | None = None,
    phone: str | None = None,
    user_type: str | None = None,
    profile_picture=None,
):
    """Change the given fields only (None leaves one as it is); the core `name` follows the split names.

    `user_type` moves an account between SEEKER, HOST and BOTH; an administrator's role is left to operators.
    """
    account = _lock_account(user.pk)
    profile = _profile_locked(account)
    if user_type is not None and user_type != account.role:
        if account.role == ADMIN_ROLE:
            raise ValidationError({"user_type": ["An administrator's role is managed by operators."]})
        account.role = user_type
    if first_name is not None:
        profile.first_name = first_name
    if last_name is not None:
        profile.last_name = last_name
    profile.save()
    account.name = f"{profile.first_name} {profile.last_name}".strip()
    if phone is not None:
        account.phone = phone
    if profile_picture is not None:
        profile_picture_validate(profile_picture)
        profile_picture.name = upload_name(profile_picture)
        account.avatar = profile_picture
    account.save()
    account.parking_profile = profile
    return account


@transaction.atomic
def account_signup_complete(*, user, user_type: str, first_name: str, last_name: str, phone: str):
    """The Parking details of a fresh sign-up: its user type (the core role), names and phone."""
    return account_profile_update(
        user=user, user_type=user_type, first_name=first_name, last_name=last_name, phone=phone
    )


@transaction.atomic
def account_deactivate(*, user) -> None:
    """The spec's DELETE: the account stops working (login, refresh, access) but its history stays.

    Every refresh token it holds is blacklisted; access tokens stop at once because
    authentication refuses inactive accounts.
    """
    account = _lock_account(user.pk)
    if account.is_active:
        account.is_active = False
        account.save(update_fields=["is_active", "updated_at"])
    outstanding = OutstandingToken.objects.filter(user=account).exclude(blacklistedtoken__isnull=False)
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )


@transaction.atomic
def account_identity_verify(*, user, admin):
    """An administrator vouches for who the account holder is; verifying twice keeps the first record."""
    account = _lock_account(user.pk)
    profile = _profile_locked(account)
    if profile.identity_verified_at is None:
        profile.identity_verified_at = timezone.now()
        profile.verified_by = admin
        profile.save(update_fields=["identity_verified_at", "verified_by", "updated_at"])
    account.parking_profile = profile
    return account
