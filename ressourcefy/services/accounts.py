"""Account writes: registration with an activation e-mail, activation, password reset, profile edits, role requests.

Activation and reset tokens are signed (django.core.signing, expiring) and carry a fingerprint of
the account's state: activating, or changing the password, changes that state, so a used token
can never act again.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from rest_framework.exceptions import ValidationError

from core.accounts.adapter import frontend_url
from core.accounts.services import account_create, mark_verified
from core.mail import enqueue_email
from ressourcefy.exceptions import EmailAlreadyUsed, InvalidAction, InvalidActivationToken, InvalidResetToken
from ressourcefy.models import Profile, RoleRequest, RoleRequestStatus
from ressourcefy.models.roles import ADMIN_ROLES, REQUESTABLE_ROLES, role_rank
from ressourcefy.product import PRODUCT
from ressourcefy.services.outbox import outbox_record

REALM = PRODUCT.key
ACTIVATION_SALT = "ressourcefy.activation"
ACTIVATION_MAX_AGE = 24 * 60 * 60
RESET_SALT = "ressourcefy.password-reset"
RESET_MAX_AGE = 60 * 60
PROFILE_INCOMPLETE = "Profile must be complete for regular users: username, bio or avatar_url required"


# --- tokens ------------------------------------------------------------------------------------


def _fingerprint(user, purpose: str) -> str:
    """A digest of what a token may change; once it changes, the token is spent."""
    state = f"{user.pk}|{user.email}|{user.password}|{user.is_verified}"
    return salted_hmac(purpose, state).hexdigest()[:20]


def activation_token_make(user) -> str:
    return signing.dumps({"u": str(user.uuid), "f": _fingerprint(user, ACTIVATION_SALT)}, salt=ACTIVATION_SALT)


def reset_token_make(user) -> str:
    return signing.dumps({"u": str(user.uuid), "f": _fingerprint(user, RESET_SALT)}, salt=RESET_SALT)


def _token_payload(token: str, *, salt: str, max_age: int, error) -> dict:
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature as exc:  # SignatureExpired included
        raise error() from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), str):
        raise error()
    return payload


def _locked_user(uuid: str, error):
    try:
        return get_user_model().objects.select_for_update().get(realm=REALM, uuid=uuid, is_active=True)
    except (get_user_model().DoesNotExist, DjangoValidationError, ValueError):
        raise error() from None


# --- registration and activation ----------------------------------------------------------------


def _send_activation_email(user) -> None:
    token = activation_token_make(user)
    link = frontend_url(REALM, f"auth/activate?token={token}")
    enqueue_email(
        subject="Activate your Ressourcefy account",
        body=(
            f"Welcome to Ressourcefy, {user.username}!\n\n"
            f"Open {link}\nto activate your account, or send this token to POST /api/auth/activate/:\n{token}\n\n"
            "The link is valid for 24 hours and can be used once."
        ),
        to=[user.email],
    )


def account_register(*, email: str, password: str, username: str, accepted_terms: bool):
    """Create an inactive account and its profile; the activation e-mail leaves after commit.

    Raises InvalidAction (terms, taken username), EmailAlreadyUsed (422), ValidationError (password).
    """
    email = email.strip().lower()
    if not accepted_terms:
        raise InvalidAction("You must accept the terms and conditions")
    User = get_user_model()
    if User.objects.filter(realm=REALM, email__iexact=email).exists():
        raise EmailAlreadyUsed(f"Email {email} is already in use")
    if User.objects.filter(realm=REALM, username__iexact=username).exists():
        raise InvalidAction(f"Username {username} is already taken")
    try:
        validate_password(password, user=User(email=email, username=username))
    except DjangoValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc
    try:
        with transaction.atomic():
            user = account_create(realm=REALM, email=email, password=password, username=username, verified=False)
            Profile.objects.create(user=user, accepted_terms_at=timezone.now())
            outbox_record(
                event_type="user.registered",
                aggregate_type="user",
                aggregate_id=user.uuid,
                payload={"user_id": str(user.uuid), "email": user.email, "username": user.username},
            )
            _send_activation_email(user)
    except (IntegrityError, DjangoValidationError) as exc:
        # Lost a race with a concurrent sign-up (account_create maps its IntegrityError to e-mail).
        if User.objects.filter(realm=REALM, email__iexact=email).exists():
            raise EmailAlreadyUsed(f"Email {email} is already in use") from exc
        raise InvalidAction(f"Username {username} is already taken") from exc
    return user


def activation_resend(*, email: str) -> None:
    """Mail a fresh activation token to an inactive account; silently nothing for any other address."""
    user = (
        get_user_model()
        .objects.filter(realm=REALM, email__iexact=email.strip(), is_active=True, is_verified=False)
        .first()
    )
    if user is not None:
        with transaction.atomic():
            _send_activation_email(user)


def account_activate(*, token: str) -> tuple[object, bool]:
    """Activate the account a token names -> (user, newly_activated).

    An account already active answers (user, False) whatever token of its own is sent again;
    the row lock makes concurrent activations record `user.activated` once.
    """
    payload = _token_payload(token, salt=ACTIVATION_SALT, max_age=ACTIVATION_MAX_AGE, error=InvalidActivationToken)
    with transaction.atomic():
        user = _locked_user(payload["u"], InvalidActivationToken)
        if user.is_verified:
            return user, False
        if not constant_time_compare(payload.get("f", ""), _fingerprint(user, ACTIVATION_SALT)):
            raise InvalidActivationToken()
        mark_verified(user)
        outbox_record(
            event_type="user.activated",
            aggregate_type="user",
            aggregate_id=user.uuid,
            payload={"user_id": str(user.uuid)},
        )
    user = get_user_model().objects.select_related("ressourcefy_profile").get(pk=user.pk)
    return user, True


# --- password reset ----------------------------------------------------------------------------


def password_reset_request(*, email: str) -> None:
    """Mail a reset token (1 hour, single use) to an active account of this realm; nothing otherwise."""
    user = get_user_model().objects.filter(realm=REALM, email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    token = reset_token_make(user)
    link = frontend_url(REALM, f"auth/reset-password?token={token}")
    with transaction.atomic():
        enqueue_email(
            subject="Reset your Ressourcefy password",
            body=(
                f"We received a request to reset your password.\n\nOpen {link}\n"
                f"or send this token to POST /api/auth/password-reset/confirm/:\n{token}\n\n"
                "The link is valid for 1 hour and can be used once. If you did not ask for this, ignore it."
            ),
            to=[user.email],
        )


def password_reset_confirm(*, token: str, new_password: str) -> None:
    """Set the new password; the token's fingerprint includes the old password hash, so it works once."""
    payload = _token_payload(token, salt=RESET_SALT, max_age=RESET_MAX_AGE, error=InvalidResetToken)
    with transaction.atomic():
        user = _locked_user(payload["u"], InvalidResetToken)
        if not constant_time_compare(payload.get("f", ""), _fingerprint(user, RESET_SALT)):
            raise InvalidResetToken()
        try:
            validate_password(new_password, user=user)
        except DjangoValidationError as exc:
            raise ValidationError({"new_password": list(exc.messages)}) from exc
        user.set_password(new_password)
        user.save(update_fields=["password", "updated_at"])


# --- profile -----------------------------------------------------------------------------------


def username_ensure_free(*, username: str, user=None, quoted: bool = True) -> None:
    """InvalidAction unless no other account of the realm holds `username` (case-insensitive)."""
    others = get_user_model().objects.filter(realm=REALM, username__iexact=username)
    if user is not None:
        others = others.exclude(pk=user.pk)
    if others.exists():
        name = f"'{username}'" if quoted else username
        raise InvalidAction(f"Username {name} is already taken")


def profile_is_complete(*, username: str, bio: str, avatar_url: str) -> bool:
    return bool(username) and bool(bio or avatar_url)


def username_save(user, username: str) -> None:
    if user.username == username:
        return
    user.username = username
    try:
        with transaction.atomic():
            user.save(update_fields=["username", "updated_at"])
    except IntegrityError as exc:  # a concurrent edit took it between the check and the write
        raise InvalidAction(f"Username '{username}' is already taken") from exc


def profile_update(*, user, changes: dict) -> Profile:
    """Apply `changes` (username, bio, avatar_url) to the caller's profile.

    ADMIN/SUPERADMIN need a profile with a username; every other role must keep a complete one
    (username and bio or avatar_url), as the document's validation rules say.
    """
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        profile = Profile.objects.select_for_update().filter(user=user).first()
        is_admin = user.role in ADMIN_ROLES
        if profile is None:
            if is_admin:
                raise InvalidAction("Profile must exist for ADMIN/SUPERADMIN users")
            profile = Profile(user=user)
        username = changes.get("username", user.username)
        if "username" in changes:
            username_ensure_free(username=username, user=user)
        bio = changes.get("bio", profile.bio)
        avatar_url = changes.get("avatar_url", profile.avatar_url)
        if is_admin:
            if not username:
                raise InvalidAction("Profile must exist for ADMIN/SUPERADMIN users")
        elif not profile_is_complete(username=username, bio=bio, avatar_url=avatar_url):
            raise InvalidAction(PROFILE_INCOMPLETE)
        profile.bio, profile.avatar_url = bio, avatar_url
        profile.save()
        username_save(user, username)
    return profile


# --- role requests -----------------------------------------------------------------------------


def role_request_create(*, user, requested_role: str, reason: str = "") -> RoleRequest:
    """Ask for CONTRIBUTOR or MODERATOR; one pending request per account (a database constraint)."""
    if requested_role not in REQUESTABLE_ROLES:
        raise InvalidAction(f"Only MODERATOR or CONTRIBUTOR roles can be requested. Got: {requested_role}")
    if role_rank(user.role) >= role_rank(requested_role):  # a MODERATOR already may what a CONTRIBUTOR may
        raise InvalidAction(f"User already has role {user.role}")
    profile = Profile.objects.filter(user=user).first()
    if profile is None or not profile_is_complete(
        username=user.username, bio=profile.bio, avatar_url=profile.avatar_url
    ):
        raise InvalidAction(
            "Profile must be complete before requesting role change. "
            "Please ensure your profile has username, bio or avatar_url."
        )
    pending = RoleRequest.objects.filter(user=user, status=RoleRequestStatus.PENDING).first()
    if pending is not None:
        raise InvalidAction(f"User already has a pending request for role {pending.requested_role}")
    try:
        with transaction.atomic():
            return RoleRequest.objects.create(user=user, requested_role=requested_role, reason=reason)
    except IntegrityError as exc:  # a concurrent request won
        pending = RoleRequest.objects.filter(user=user, status=RoleRequestStatus.PENDING).first()
        role = pending.requested_role if pending else requested_role
        raise InvalidAction(f"User already has a pending request for role {role}") from exc
