"""TownSpark's profile data kept beside the platform user: profile, resolver profile, earned badges."""

from django.conf import settings
from django.db import models

from core.private_media import PrivateMediaStorage
from townspark.models.reference import Badge, Department


class AccountStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    BANNED = "banned", "Banned"


class Profile(models.Model):
    """Citizen-facing profile fields, settings and moderation state of one TownSpark account.

    Suspension lives here rather than in `User.is_active`: the core refuses inactive
    users with a bare 401, while TownSpark answers 403 ACCOUNT_SUSPENDED.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="townspark_profile")
    address = models.TextField(blank=True)
    ward = models.CharField(max_length=100, blank=True)
    bio = models.TextField(blank=True)
    location = models.CharField(max_length=255, blank=True)
    settings = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=AccountStatus.choices, default=AccountStatus.ACTIVE, db_index=True)
    status_reason = models.TextField(blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Profile of {self.user_id}"

    @property
    def is_suspended(self) -> bool:
        return self.status != AccountStatus.ACTIVE


class VerificationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    VERIFIED = "verified", "Verified"
    REJECTED = "rejected", "Rejected"


class ResolverProfile(models.Model):
    """A resolver's official details; resolver-only actions wait for an admin's verification."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resolver_profile")
    department = models.ForeignKey(
        Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="resolvers"
    )
    designation = models.CharField(max_length=100, blank=True)
    employee_id = models.CharField(max_length=50, unique=True, null=True, blank=True)
    jurisdiction = models.TextField(blank=True, help_text="Comma-separated ward names")
    # Private: admins fetch it through admin/resolvers/<id>/id-document/, never as public media.
    id_document = models.FileField(
        upload_to="townspark/resolver_docs/%Y/%m/", storage=PrivateMediaStorage(), blank=True
    )
    verification_status = models.CharField(
        max_length=20, choices=VerificationStatus.choices, default=VerificationStatus.PENDING, db_index=True
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Resolver {self.user_id} ({self.verification_status})"

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED

    @property
    def wards(self) -> list[str]:
        return [ward.strip() for ward in self.jurisdiction.split(",") if ward.strip()]


class UserBadge(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="townspark_badges")
    badge = models.ForeignKey(Badge, on_delete=models.CASCADE)
    earned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "badge"], name="townspark_userbadge_unique")]
        ordering = ["earned_at"]

    def __str__(self) -> str:
        return f"{self.badge_id} for {self.user_id}"
