"""The one account model of the platform: every product's users, each in the realm of its product."""

from uuid import UUID, uuid4

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.accounts.managers import UserManager
from core.ids import IdStyle
from core.products.registry import id_style_of

PLATFORM_REALM = ""


class User(AbstractBaseUser, PermissionsMixin):
    """An account in one product's realm; e-mail and username are unique within the realm only.

    Platform operators (Django admin) have the empty realm and no product role.
    Product-specific profile data lives in the products, keyed to this model.
    """

    # core.ids says why the key is an integer and UUID products show `uuid` instead.
    id = models.BigAutoField(primary_key=True)
    uuid = models.UUIDField(unique=True, default=uuid4, editable=False)
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

    @staticmethod
    def public_id_field(realm: str) -> str:
        """The column holding the public ids of `realm`, for `values()` queries that render ids."""
        return "uuid" if id_style_of(realm) is IdStyle.UUID else "id"

    @property
    def public_id(self) -> int | UUID:
        """This account's id as its product writes ids (the integer key, or the UUID)."""
        return self.public_id_of(self.realm, self.pk, self.uuid)

    @staticmethod
    def public_id_of(realm: str, pk: int, uuid: UUID) -> int | UUID:
        """`public_id` of an account read as columns."""
        return uuid if id_style_of(realm) is IdStyle.UUID else pk

    @property
    def is_platform_operator(self) -> bool:
        return self.realm == PLATFORM_REALM

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email
