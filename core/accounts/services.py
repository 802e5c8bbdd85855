"""Account writes shared by every product: creating an account in a realm."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.products.registry import get_product


def account_create(
    *,
    realm: str,
    email: str,
    password: str,
    role: str | None = None,
    username: str = "",
    name: str = "",
    verified: bool = True,
    **fields,
):
    """Create an active account in `realm` (an enabled product), verified by default.

    Raises ValidationError for an unknown realm or role, or an e-mail/username
    already used in that realm.
    """
    product = get_product(realm)
    if product is None:
        raise ValidationError({"realm": f"Unknown or disabled product {realm!r}."})
    role = role or product.default_role
    if role not in product.roles:
        raise ValidationError({"role": f"{role!r} is not a {product.name} role ({', '.join(product.roles)})."})
    User = get_user_model()
    if User.objects.filter(realm=realm, email__iexact=email).exists():
        raise ValidationError({"email": f"{email} is already registered in {product.name}."})
    if username and User.objects.filter(realm=realm, username__iexact=username).exists():
        raise ValidationError({"username": f"{username} is already taken in {product.name}."})
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email, password, realm=realm, role=role, username=username, name=name, is_verified=verified, **fields
            )
            if verified:
                mark_verified(user)
    except IntegrityError as exc:  # lost a race with a concurrent sign-up
        raise ValidationError({"email": f"{email} is already registered in {product.name}."}) from exc
    return user


def mark_verified(user) -> None:
    """Set the platform flag and allauth's address record together."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    if not user.is_verified:
        user.is_verified = True
        user.save(update_fields=["is_verified", "updated_at"])
