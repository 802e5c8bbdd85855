"""The spec's permission classes for Parking: roles of the parking realm and ownership."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.api.permissions import IsOwnerOrReadOnly, IsProductAdmin, has_role

IsAdmin = IsProductAdmin
CanHost = has_role("HOST", "BOTH")
CanBook = has_role("SEEKER", "BOTH")
CanHost.message = "Only hosts can do this."
CanBook.message = "Only seekers can do this."

__all__ = ["CanBook", "CanHost", "IsAdmin", "IsOwnerOrReadOnly", "IsSelfOrAdmin"]


class IsSelfOrAdmin(BasePermission):
    """Reads for any signed-in user (the view decides how much is shown); writes for the account itself or an admin."""

    message = "You can only change your own account."

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return obj.pk == request.user.pk or IsProductAdmin().has_permission(request, view)
