"""The one account model of the platform: every product's users, each in the realm of its product."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.accounts.managers import UserManager

PLATFORM_REALM = ""


class User(AbstractBaseUser, PermissionsMixin):
    """An account in one product's realm; e-mail and username are unique within the realm only.

    Platform operators (Django admin) have the empty realm and no product role.
    Product-specific profile data lives in the products, keyed to this model.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    realm = models.CharField(
        max_length=32, blank=True, db_index=True, help_text="Product key; empty for platform operators."
    )
    email = models.EmailField(max_length=254)
    username = models.CharField(max_length=150, blank=True)
    name = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    avatar = models.ImageField(upload_to="avatars/%Y/%m/", blank=True, null=True)
    role = models.CharField(max_length=32, blank=True)
    is_active = models.BooleanField(default=True)
    is_verified = models.BooleanField(default=False, help_text="E-mail verified / account activated.")
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["-date_joined"]
        constraints = [
            models.UniqueConstraint(fields=["realm", "email"], name="user_email_unique_per_realm"),
            models.UniqueConstraint(
                fields=["realm", "username"],
                condition=~Q(username=""),
                name="user_username_unique_per_realm",
            ),
        ]
        indexes = [models.Index(fields=["realm", "role"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.realm or 'platform'})"

    def save(self, *args, **kwargs):
        # Normalised here because e-mail uniqueness is per realm in the database.
        self.email = UserManager.normalize_email(self.email).lower()
        super().save(*args, **kwargs)

    @property
    def is_platform_operator(self) -> bool:
        return self.realm == PLATFORM_REALM

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email
