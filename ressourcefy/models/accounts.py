"""The Ressourcefy side of an account: profile and onboarding step, and requests for a higher role.

The account itself is core's User: `email`, `username` (unique in the realm), `role`, and
`is_verified`, which is the document's `activated`.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class OnboardingStep(models.TextChoices):
    """Server-driven onboarding; steps only move forward, in this order."""

    NOT_STARTED = "not_started", "Not started"
    PROFILE = "profile", "Profile"
    INTERESTS = "interests", "Interests"
    COMPLETED = "completed", "Completed"


class Profile(models.Model):
    """One per Ressourcefy account, made at registration."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ressourcefy_profile")
    bio = models.CharField(max_length=500, blank=True)
    avatar_url = models.URLField(max_length=500, blank=True)
    onboarding_step = models.CharField(
        max_length=16, choices=OnboardingStep.choices, default=OnboardingStep.NOT_STARTED
    )
    interests = models.ManyToManyField("ressourcefy.Tag", blank=True, related_name="interested_profiles")
    accepted_terms_at = models.DateTimeField(null=True, blank=True)
    # Set by an administrator's soft delete (with the account's is_active off); its resources stay its own.
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user_id}"


class RoleRequestStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class RoleRequest(models.Model):
    """A user's request for CONTRIBUTOR or MODERATOR; at most one pending per user (a constraint)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ressourcefy_role_requests"
    )
    requested_role = models.CharField(max_length=16)
    reason = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=16, choices=RoleRequestStatus.choices, default=RoleRequestStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="ressourcefy_one_pending_role_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.requested_role} ({self.status})"
