"""Manager for the realm-scoped user model."""

from django.contrib.auth.base_user import BaseUserManager
from django.db import models

from core.products.registry import id_style_of


class UserQuerySet(models.QuerySet):
    def in_realm(self, realm: str) -> models.QuerySet:
        return self.filter(realm=realm)

    def by_public_id(self, realm: str, value) -> models.QuerySet:
        """The realm's account whose public id (in the realm's id style) is `value`; none if it is malformed."""
        style = id_style_of(realm)
        try:
            parsed = style.parse(value)
        except (TypeError, ValueError):
            return self.none()
        return self.filter(realm=realm, **{style.user_field: parsed})


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def get_by_login(self, realm: str, login: str):
        """The realm's account whose e-mail or username is `login` (case-insensitive)."""
        login = (login or "").strip()
        field = "email__iexact" if "@" in login else "username__iexact"
        return self.get(realm=realm, **{field: login})

    def create_user(self, email: str, password: str | None = None, *, realm: str, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), realm=realm, **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        """A platform operator (no product realm) for the Django admin."""
        fields.update(is_staff=True, is_superuser=True, is_verified=True)
        fields.setdefault("realm", "")
        return self.create_user(email, password, **fields)
