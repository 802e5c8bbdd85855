"""A-List accounts: sign-up with a verification e-mail, e-mail verification links, password changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from core.accounts.services import account_create, mark_verified
from core.api.exceptions import Conflict
from core.mail import enqueue_email

REALM = "alistpros"
SIGNUP_ROLES = ("client", "contractor", "crew", "specialist")  # admins only through `manage.py create_account`


class EmailVerificationTokens(PasswordResetTokenGenerator):
    """Signed, expiring (PASSWORD_RESET_TIMEOUT, 3 days) and single use: the hash covers `is_verified`."""

    key_salt = "alistpros.services.users.EmailVerificationTokens"

    def _make_hash_value(self, user, timestamp) -> str:
        return f"{user.pk}{user.email}{user.is_verified}{timestamp}"


email_verification_tokens = EmailVerificationTokens()


@transaction.atomic
def account_register(*, email: str, password: str, name: str, phone: str, role: str, verify_url) -> object:
    """An unverified account of the A-List realm; 409 when the e-mail is registered here already.

    `verify_url(user, token)` builds the link mailed (by Celery, after commit) to verify the address.
    """
    try:
        user = account_create(
            realm=REALM, email=email, password=password, name=name, phone=phone, role=role, verified=False
        )
    except DjangoValidationError as exc:
        raise Conflict("An account with this e-mail already exists.") from exc
    link = verify_url(user, email_verification_tokens.make_token(user))
    enqueue_email(
        subject="Verify your A-List Home Pros e-mail address",
        body=f"Welcome to A-List Home Pros, {name}!\n\nVerify your e-mail address: {link}\n\n"
        "The link works once and expires in 3 days.",
        to=[user.email],
    )
    return user


def email_verify(*, user_id, token: str) -> bool:
    """Mark the account verified if `token` is its valid, unused link; False otherwise (nothing changes)."""
    user = get_user_model().objects.by_public_id(REALM, user_id).filter(is_active=True).first()
    if user is None or user.is_verified or not email_verification_tokens.check_token(user, token):
        return False
    mark_verified(user)
    return True


def password_change(*, user, new_password: str) -> None:
    user.set_password(new_password)
    user.save(update_fields=["password", "updated_at"])
