"""The spec's role and object permissions for Parking in a Pinch (core/permissions.py there)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.api.permissions import IsProductAdmin, has_role

HOST_ROLES = ("HOST", "BOTH")

IsAdmin = IsProductAdmin
# The spec's can_host(): SEEKER accounts cannot list spots.
CanHost = has_role(*HOST_ROLES)
CanHost.message = "Only hosts (HOST or BOTH accounts) can list parking spots."


class IsListingHost(BasePermission):
    """The object is a listing whose host is the caller."""

    message = "Only the listing's host can change it."

    def has_object_permission(self, request, view, obj):
        return bool(request.user and request.user.is_authenticated and obj.host_id == request.user.pk)


class IsHostOfListing(BasePermission):
    """The spec's IsHostOfListing: the object belongs to a listing hosted by the caller (photos, windows)."""

    message = "Only the listing's host can change it."

    def has_object_permission(self, request, view, obj):
        return bool(request.user and request.user.is_authenticated and obj.listing.host_id == request.user.pk)


class IsReadOnlyRequest(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS


# Writes on a listing: its host, or an operator; anyone may read.
IsListingHostOrAdminOrReadOnly = IsReadOnlyRequest | IsListingHost | IsAdmin
