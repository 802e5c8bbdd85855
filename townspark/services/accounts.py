"""Account writes: citizen and resolver sign-up, profile and settings updates, moderation by admins."""

import copy

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from core.accounts.services import account_create
from core.uploads import upload_name
from townspark.models import AccountStatus, Department, Issue, Profile, ResolverProfile, VerificationStatus
from townspark.services.images import document_validate, image_validate

REALM = "townspark"

DEFAULT_SETTINGS: dict = {
    "notifications": {"email": True, "push": True, "status_updates": True, "comments": True, "mentions": True},
    "privacy": {"profile_visible": True, "show_email": False},
    "preferences": {"dark_mode": False, "language": "en"},
}

User = get_user_model()


def profile_get(*, user) -> Profile:
    """The user's TownSpark profile, created on first use (accounts made by `create_account` have none)."""
    profile = getattr(user, "_townspark_profile_cache", None)
    if profile is None and User.townspark_profile.is_cached(user):  # joined by TownSparkAuthentication
        profile = getattr(user, "townspark_profile", None)  # None when the join found no profile
    if profile is None:
        profile, _ = Profile.objects.get_or_create(user=user)
    user._townspark_profile_cache = profile
    return profile


def settings_effective(*, stored: dict | None) -> dict:
    """The documented settings groups with the user's stored values merged over the defaults."""
    return deep_merge(DEFAULT_SETTINGS, stored or {})


def deep_merge(base: dict, changes: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _account_create(**kwargs):
    try:
        return account_create(realm=REALM, **kwargs)
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict) from exc


@transaction.atomic
def citizen_register(*, name: str, email: str, password: str, phone: str = ""):
    """A citizen account, e-mail not yet verified (the view mails the confirmation)."""
    user = _account_create(email=email, password=password, role="citizen", name=name, phone=phone, verified=False)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    Profile.objects.create(user=user)
    return user


@transaction.atomic
def resolver_register(
    *,
    name: str,
    email: str,
    password: str,
    phone: str = "",
    department: Department,
    employee_id: str,
    designation: str,
    id_document,
    jurisdiction: str = "",
):
    """A resolver account awaiting an admin's verification."""
    if ResolverProfile.objects.filter(employee_id__iexact=employee_id).exists():
        raise ValidationError({"employee_id": ["This employee ID is already registered."]})
    user = _account_create(email=email, password=password, role="resolver", name=name, phone=phone, verified=False)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    Profile.objects.create(user=user)
    document_validate(id_document)
    id_document.name = upload_name(id_document)
    profile = ResolverProfile(
        user=user,
        department=department,
        employee_id=employee_id,
        designation=designation,
        id_document=id_document,
        jurisdiction=jurisdiction,
    )
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError as exc:  # a concurrent sign-up took the employee id
        profile.id_document.delete(save=False)  # stored just before the INSERT failed: no orphan left
        raise ValidationError({"employee_id": ["This employee ID is already registered."]}) from exc
    return user


PROFILE_FIELDS = ("address", "ward", "bio", "location")
USER_FIELDS = ("name", "username", "phone", "avatar")


@transaction.atomic
def user_profile_update(*, user, data: dict):
    """Update the platform user fields and the TownSpark profile fields present in `data`."""
    if "username" in data and data["username"]:
        taken = User.objects.filter(realm=REALM, username__iexact=data["username"]).exclude(pk=user.pk).exists()
        if taken:
            raise ValidationError({"username": ["This username is already taken."]})
    user_changes = {key: data[key] for key in USER_FIELDS if key in data}
    if user_changes.get("avatar"):
        image_validate(user_changes["avatar"], label="The avatar")
        user_changes["avatar"].name = upload_name(user_changes["avatar"])
    for key, value in user_changes.items():
        setattr(user, key, value)
    if "email" in data and data["email"] != user.email:
        if User.objects.filter(realm=REALM, email__iexact=data["email"]).exclude(pk=user.pk).exists():
            raise ValidationError({"email": ["This email is already registered."]})
        user.email = data["email"]
        user_changes["email"] = data["email"]
    if user_changes:
        user.save(update_fields=[*user_changes, "updated_at"])
    profile = profile_get(user=user)
    profile_changes = {key: data[key] for key in PROFILE_FIELDS if key in data}
    if profile_changes:
        for key, value in profile_changes.items():
            setattr(profile, key, value)
        profile.save(update_fields=list(profile_changes))
    return user


@transaction.atomic
def user_settings_update(*, user, changes: dict) -> dict:
    """Deep-merge `changes` into the stored settings; returns the effective settings."""
    profile = Profile.objects.select_for_update().get(pk=profile_get(user=user).pk)
    profile.settings = deep_merge(profile.settings or {}, changes)
    profile.save(update_fields=["settings"])
    user._townspark_profile_cache = profile
    return settings_effective(stored=profile.settings)


@transaction.atomic
def user_status_set(*, user, status: str, reason: str = "", actor=None) -> Profile:
    """Suspend, ban or reactivate an account (admins cannot change their own)."""
    if actor is not None and actor.pk == user.pk:
        raise ValidationError({"non_field_errors": ["You cannot change the status of your own account."]})
    profile = profile_get(user=user)
    profile.status = status
    profile.status_reason = "" if status == AccountStatus.ACTIVE else reason
    profile.status_changed_at = timezone.now()
    profile.save(update_fields=["status", "status_reason", "status_changed_at"])
    return profile


@transaction.atomic
def user_update_by_admin(*, user, data: dict, actor):
    """Admin edit: profile fields, role and account status."""
    if "role" in data and data["role"] != user.role:
        if user.pk == actor.pk:
            raise ValidationError({"role": ["You cannot change your own role."]})
        user.role = data["role"]
        user.save(update_fields=["role", "updated_at"])
        if user.role == "resolver":
            ResolverProfile.objects.get_or_create(user=user)
    if "status" in data:
        user_status_set(user=user, status=data["status"], reason=data.get("reason", ""), actor=actor)
    return user_profile_update(user=user, data=data)


@transaction.atomic
def user_delete(*, user, actor) -> None:
    """Delete an account and what cascades with it, then correct the counters of other users' issues."""
    from townspark.models import Comment, CommentLike, Upvote
    from townspark.services.issues import issue_counters_recount

    if user.pk == actor.pk:
        raise ValidationError({"non_field_errors": ["You cannot delete your own account."]})
    issue_ids = set(Upvote.objects.filter(user=user).values_list("issue_id", flat=True))
    issue_ids.update(Comment.objects.filter(author=user).values_list("issue_id", flat=True))
    comment_ids = set(CommentLike.objects.filter(user=user).values_list("comment_id", flat=True))
    user.delete()
    issue_counters_recount(issue_ids=issue_ids, comment_ids=comment_ids)


@transaction.atomic
def resolver_verify(*, resolver, actor, approved: bool = True, note: str = "") -> ResolverProfile:
    """Approve (or, with approved=False, reject) a resolver's registration and tell them."""
    from townspark.services.notifications import notification_create

    ResolverProfile.objects.get_or_create(user=resolver)  # accounts made by `create_account` have none yet
    profile = ResolverProfile.objects.select_for_update().get(user=resolver)
    if approved:
        profile.verification_status = VerificationStatus.VERIFIED
        profile.verified_at = timezone.now()
        profile.verified_by = actor
    else:
        profile.verification_status = VerificationStatus.REJECTED
        profile.verified_at = None
        profile.verified_by = None
    profile.review_note = note
    profile.save(update_fields=["verification_status", "verified_at", "verified_by", "review_note"])
    if approved:
        title, message = (
            "Account Verified",
            "Your resolver account has been verified. You can now accept and resolve issues.",
        )
    else:
        title = "Verification Rejected"
        message = "Your resolver registration was rejected." + (f" Reason: {note}" if note else "")
    notification_create(user=resolver, type="system", title=title, message=message, actor=actor)
    return profile


@transaction.atomic
def resolver_remove(*, resolver, actor) -> None:
    """Withdraw the resolver role: back to citizen, profile dropped, open assignments released."""
    Issue.objects.filter(assigned_resolver=resolver).exclude(status=Issue.Status.RESOLVED).update(
        assigned_resolver=None, updated_at=timezone.now()
    )
    ResolverProfile.objects.filter(user=resolver).delete()
    resolver.role = "citizen"
    resolver.save(update_fields=["role", "updated_at"])
