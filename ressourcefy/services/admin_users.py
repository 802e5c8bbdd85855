"""Administrators' actions on accounts: update, soft delete, role changes, impersonation, password resets,
and decisions on role requests. Each runs in one transaction with the audit entry it writes."""

import secrets
import string

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import NotFound
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from core.accounts.tokens import TokenPair, token_pair_for_user
from core.mail import enqueue_email
from ressourcefy.exceptions import InvalidAction, InvalidRole, LastSuperadmin
from ressourcefy.models import Profile, RoleRequest, RoleRequestStatus
from ressourcefy.models.roles import ROLES, SUPERADMIN, role_rank
from ressourcefy.product import PRODUCT
from ressourcefy.services.accounts import username_ensure_free, username_save
from ressourcefy.services.audit import IMPERSONATOR_CLAIM, IMPERSONATOR_EMAIL_CLAIM, audit_action

REALM = PRODUCT.key
GENERATED_PASSWORD_LENGTH = 16


def _locked_account(user, *, guard_superadmins: bool = False):
    """The account's row, locked; 404 when it was soft deleted meanwhile (no admin action applies to it).

    With `guard_superadmins` (an action that may remove a SUPERADMIN) every active SUPERADMIN row is
    locked first, always in one order, so such actions queue behind each other without deadlocking.
    """
    User = get_user_model()
    if guard_superadmins:
        superadmins = User.objects.select_for_update().filter(realm=REALM, role=SUPERADMIN, is_active=True)
        list(superadmins.order_by("pk").values_list("pk", flat=True))
    account = User.objects.select_for_update().filter(realm=REALM, pk=user.pk).first()
    if account is None or Profile.objects.filter(user=account, deleted_at__isnull=False).exists():
        raise NotFound("User not found.")
    return account


def _ensure_superadmin_left(account) -> None:
    """LastSuperadmin if `account` is the only active SUPERADMIN (rows locked by `_locked_account`).

    Two demotions at once are serialized by those locks; the second re-reads the rows after the first
    committed and sees that only one SUPERADMIN is left.
    """
    if account.role != SUPERADMIN or not account.is_active:
        return
    others = (
        get_user_model().objects.filter(realm=REALM, role=SUPERADMIN, is_active=True).exclude(pk=account.pk).exists()
    )
    if not others:
        raise LastSuperadmin()


def _ensure_may_manage(actor, account) -> None:
    if account.role == SUPERADMIN and actor.role != SUPERADMIN:
        raise InvalidAction("Only SUPERADMIN can change another SUPERADMIN's account")


def refresh_tokens_revoke_all(user) -> int:
    """Blacklist every refresh token the account holds (signed-in devices must log in again)."""
    outstanding = list(OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True))
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=token) for token in outstanding], ignore_conflicts=True
    )
    return len(outstanding)


def user_admin_update(*, actor, user, changes: dict):
    """Change `is_active`, `is_activated`, `username`, `bio`, `avatar_url` (the role only via set_role)."""
    with transaction.atomic():
        account = _locked_account(user, guard_superadmins=changes.get("is_active") is False)
        _ensure_may_manage(actor, account)
        if changes.get("is_active") is False:
            if account.pk == actor.pk:
                raise InvalidAction("You cannot deactivate your own account")
            _ensure_superadmin_left(account)
        fields = []
        if "is_active" in changes:
            account.is_active = changes["is_active"]
            fields.append("is_active")
        if "is_activated" in changes:
            account.is_verified = changes["is_activated"]
            fields.append("is_verified")
        if fields:
            account.save(update_fields=[*fields, "updated_at"])
        if "username" in changes:
            username_ensure_free(username=changes["username"], user=account)
            username_save(account, changes["username"])
        profile_changes = {key: changes[key] for key in ("bio", "avatar_url") if key in changes}
        if profile_changes:
            profile, _ = Profile.objects.get_or_create(user=account)
            for key, value in profile_changes.items():
                setattr(profile, key, value)
            profile.save()
    return account


def user_soft_delete(*, actor, user) -> None:
    """The account can no longer log in or refresh (inactive, tokens revoked); its resources stay its own."""
    with transaction.atomic():
        account = _locked_account(user, guard_superadmins=True)
        if account.pk == actor.pk:
            raise InvalidAction("You cannot delete your own account")
        _ensure_may_manage(actor, account)
        _ensure_superadmin_left(account)
        account.is_active = False
        account.save(update_fields=["is_active", "updated_at"])
        profile, _ = Profile.objects.get_or_create(user=account)
        profile.deleted_at = timezone.now()
        profile.save(update_fields=["deleted_at", "updated_at"])
        revoked = refresh_tokens_revoke_all(account)
        audit_action(
            action="user.delete",
            target=account,
            description=f"{actor.email} deleted {account.email}",
            before={"is_active": True, "deleted": False},
            after={"is_active": False, "deleted": True, "refresh_tokens_revoked": revoked},
        )


def user_role_set(*, actor, user, role: str) -> tuple[object, str]:
    """Give `user` the role `role`; (account, previous role). The last SUPERADMIN keeps the role."""
    if role not in ROLES:
        raise InvalidRole()
    with transaction.atomic():
        account = _locked_account(user, guard_superadmins=True)
        previous = account.role
        if previous == role:
            return account, previous
        _ensure_superadmin_left(account)
        account.role = role
        account.save(update_fields=["role", "updated_at"])
        audit_action(
            action="user.set_role",
            target=account,
            description=f"{actor.email} changed the role of {account.email} from {previous} to {role}",
            before={"role": previous},
            after={"role": role},
        )
    return account, previous


def user_impersonate(*, actor, user) -> tuple[object, TokenPair]:
    """Tokens of `user` naming `actor` as impersonator: whatever is done with them is recorded under both."""
    with transaction.atomic():
        account = _locked_account(user)
        if account.role == SUPERADMIN:
            raise InvalidAction("Cannot impersonate another SUPERADMIN")
        if not account.is_active:
            raise InvalidAction("Cannot impersonate an inactive account")
        pair = token_pair_for_user(
            account, claims={IMPERSONATOR_CLAIM: str(actor.uuid), IMPERSONATOR_EMAIL_CLAIM: actor.email}
        )
        audit_action(
            action="user.impersonate",
            target=account,
            description=f"{actor.email} started impersonating {account.email}",
        )
    return account, pair


def generated_password() -> str:
    """Letters, digits and punctuation, at least one of each (passes Django's validators)."""
    alphabet = string.ascii_letters + string.digits + "!#$%*+-=?@_"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(GENERATED_PASSWORD_LENGTH))
        if (
            any(c.islower() for c in password)
            and any(c.isupper() for c in password)
            and any(c.isdigit() for c in password)
            and any(not c.isalnum() for c in password)
        ):
            return password


def user_password_reset(*, actor, user) -> object:
    """A generated password, mailed after commit; every refresh token of the account revoked."""
    with transaction.atomic():
        account = _locked_account(user)
        if account.role == SUPERADMIN and actor.role != SUPERADMIN:
            raise InvalidAction("Only SUPERADMIN can reset another SUPERADMIN's password")
        password = generated_password()
        account.set_password(password)
        account.save(update_fields=["password", "updated_at"])
        revoked = refresh_tokens_revoke_all(account)
        audit_action(
            action="user.reset_password",
            target=account,
            description=f"{actor.email} reset the password of {account.email}",
            after={"refresh_tokens_revoked": revoked},
        )
        enqueue_email(
            subject="Your Ressourcefy password was reset",
            body=(
                "An administrator reset your Ressourcefy password.\n\n"
                f"Your new password: {password}\n\n"
                "Please log in and change it. Every device signed in to your account was signed out."
            ),
            to=[account.email],
        )
    return account


def role_request_decide(*, actor, role_request_id, approve: bool) -> RoleRequest:
    """Approve (the account gets the requested role) or reject a pending request, once."""
    with transaction.atomic():
        request = RoleRequest.objects.select_for_update().filter(pk=role_request_id).first()
        if request is None:
            raise NotFound("Role request not found.")
        if request.status != RoleRequestStatus.PENDING:
            raise InvalidAction(f"This role request was already {request.status}")
        account = _locked_account(request.user)
        if approve:
            if role_rank(account.role) >= role_rank(request.requested_role):
                raise InvalidAction(f"User already has role {account.role}")
            previous = account.role
            account.role = request.requested_role
            account.save(update_fields=["role", "updated_at"])
        request.status = RoleRequestStatus.APPROVED if approve else RoleRequestStatus.REJECTED
        request.decided_by, request.decided_at = actor, timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
        verb = "approved" if approve else "rejected"
        audit_action(
            action=f"role_request.{'approve' if approve else 'reject'}",
            target=request,
            description=f"{actor.email} {verb} {account.email}'s request for {request.requested_role}",
            before={"status": RoleRequestStatus.PENDING, **({"role": previous} if approve else {})},
            after={"status": request.status, **({"role": account.role} if approve else {})},
        )
    return request
