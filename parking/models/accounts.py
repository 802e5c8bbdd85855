"""The Parking side of an account: split names and identity verification (the account itself is core's User)."""

from django.conf import settings
from django.db import models


class UserType(models.TextChoices):
    """The spec's user types, stored as the core account's `role`; ADMIN (operators) is never chosen at sign-up."""

    SEEKER = "SEEKER", "Seeker"
    HOST = "HOST", "Host"
    BOTH = "BOTH", "Both"


ADMIN_ROLE = "ADMIN"
HOSTING_ROLES = (UserType.HOST, UserType.BOTH)
BOOKING_ROLES = (UserType.SEEKER, UserType.BOTH)


class ParkingProfile(models.Model):
    """One per Parking account, made at sign-up or on first write.

    `identity_verified_at` is the spec's `is_verified`: an administrator checked who
    this person is. It is not the e-mail check (core `User.is_verified`).
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="parking_profile")
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    identity_verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Parking profile of {self.user_id}"

    @property
    def is_verified(self) -> bool:
        return self.identity_verified_at is not None
