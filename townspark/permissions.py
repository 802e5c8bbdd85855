"""Named permissions of TownSpark's views: roles, verified resolvers, ownership."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.api.permissions import IsProductAdmin, has_role
from townspark.exceptions import ResolverNotVerified
from townspark.models import ResolverProfile, VerificationStatus

IsAdmin = IsProductAdmin
IsResolver = has_role("resolver")
IsCitizen = has_role("citizen")


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.role == "admin")


def is_verified_resolver(user) -> bool:
    if not (user and user.is_authenticated and user.role == "resolver"):
        return False
    return ResolverProfile.objects.filter(user=user, verification_status=VerificationStatus.VERIFIED).exists()


class IsVerifiedResolver(BasePermission):
    """A resolver whose account an admin has verified; an unverified one gets 403 RESOLVER_NOT_VERIFIED."""

    message = "Only resolvers can perform this action."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.role == "resolver"):
            return False
        if not is_verified_resolver(user):
            raise ResolverNotVerified()
        return True


IsVerifiedResolverOrAdmin = IsAdmin | IsVerifiedResolver


class IsReporterOrAdmin(BasePermission):
    """Object permission on an issue: its reporter or an admin."""

    message = "Only the reporter or an administrator can perform this action."

    def has_object_permission(self, request, view, obj):
        return obj.reporter_id == request.user.pk or is_admin(request.user)


class IsAuthorOrAdmin(BasePermission):
    """Object permission on a comment: its author or an admin."""

    message = "Only the author or an administrator can perform this action."

    def has_object_permission(self, request, view, obj):
        return obj.author_id == request.user.pk or is_admin(request.user)


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS


class CanManageIssue(BasePermission):
    """Admins manage any issue; a resolver manages the issues assigned to them or not yet assigned."""

    message = "This issue is assigned to another resolver."

    def has_object_permission(self, request, view, obj):
        return is_admin(request.user) or obj.assigned_resolver_id in (None, request.user.pk)


STATUS_KEYS = {"status", "note"}


class CanEditIssue(BasePermission):
    """PATCH issues/{id}/: basic fields by the reporter only; `status` by an admin or a verified resolver."""

    message = "Only the reporter can edit this issue."

    def has_object_permission(self, request, view, obj):
        user = request.user
        keys = set(request.data.keys()) if hasattr(request.data, "keys") else set()
        if keys - STATUS_KEYS and obj.reporter_id != user.pk:
            self.message = "Only the reporter can edit this issue."
            return False
        if keys & STATUS_KEYS:
            if is_admin(user):
                return True
            if user.role != "resolver":
                self.message = "Only resolvers and administrators can change the status of an issue."
                return False
            if not is_verified_resolver(user):
                raise ResolverNotVerified()
            self.message = CanManageIssue.message
            return obj.assigned_resolver_id in (None, user.pk)
        return True


class IsAssignedResolver(BasePermission):
    """Object permission on an issue: the resolver it is assigned to."""

    message = "This issue is not assigned to you."

    def has_object_permission(self, request, view, obj):
        return obj.assigned_resolver_id == request.user.pk
