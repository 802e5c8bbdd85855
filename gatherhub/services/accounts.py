"""Account services of GatherHub: sign-up with a profile, password login, and profile updates."""

from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Q

from core.accounts.services import account_create
from core.uploads import upload_check, upload_name
from gatherhub.errors import AccountDisabled, AccountExists, ErrorCode, GatherHubError
from gatherhub.models import Profile

REALM = "gatherhub"
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")


def avatar_validate(image) -> None:
    """A JPEG, PNG, GIF or WebP image by its content, at most 5 MB and within the pixel limit."""
    upload_check(image, formats=AVATAR_FORMATS, max_bytes=AVATAR_MAX_BYTES, label="The image")


@transaction.atomic
def account_register(*, username: str, email: str, password: str, first_name: str = "", last_name: str = ""):
    """Create a GatherHub account and its profile; AccountExists (409) if the username or e-mail is taken."""
    try:
        user = account_create(
            realm=REALM,
            email=email,
            password=password,
            username=username,
            name=f"{first_name} {last_name}".strip(),
            verified=False,
        )
    except DjangoValidationError as exc:
        details = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        raise AccountExists("An account with this username or e-mail already exists.", details=details) from exc
    Profile.objects.create(user=user, first_name=first_name, last_name=last_name)
    return user


@transaction.atomic
def profile_update(*, user, first_name=None, last_name=None, bio=None, avatar=None, remove_avatar: bool = False):
    """Change the given fields only (None leaves a field as it is); the platform name follows the split names.

    `remove_avatar` clears the avatar (its file is deleted once the change commits).
    """
    profile, _ = Profile.objects.select_for_update().get_or_create(user=user, defaults=_profile_defaults(user))
    for field, value in (("first_name", first_name), ("last_name", last_name), ("bio", bio)):
        if value is not None:
            setattr(profile, field, value)
    profile.save()
    user_fields = []
    name = f"{profile.first_name} {profile.last_name}".strip()
    if name != user.name:
        user.name = name
        user_fields.append("name")
    if remove_avatar and avatar is None and user.avatar:
        stored = user.avatar.storage, user.avatar.name
        transaction.on_commit(lambda: stored[0].delete(stored[1]))
        user.avatar = None
        user_fields.append("avatar")
    if avatar is not None:
        avatar_validate(avatar)
        avatar.name = upload_name(avatar)
        user.avatar = avatar
        user_fields.append("avatar")
    if user_fields:
        user.save(update_fields=[*user_fields, "updated_at"])
    user.gatherhub_profile = profile
    return user


def _profile_defaults(user) -> dict:
    first, _, last = (user.name or "").partition(" ")
    return {"first_name": first, "last_name": last}


def account_authenticate(*, request, login: str, password: str):
    """The active GatherHub account whose username (or e-mail) and password match.

    400 invalid_credentials otherwise; 401 account_disabled when they match a disabled account.
    """
    user = authenticate(request, username=login, password=password, realm=REALM)
    if user is not None:
        return user
    candidate = (
        get_user_model().objects.filter(realm=REALM).filter(Q(username__iexact=login) | Q(email__iexact=login)).first()
    )
    if candidate is not None and not candidate.is_active and candidate.check_password(password):
        raise AccountDisabled()
    raise GatherHubError("Invalid username or password.", code=ErrorCode.INVALID_CREDENTIALS)
