"""The spec's permission classes for Parking (core/permissions.py there): roles of the realm and ownership."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.api.permissions import IsOwnerOrReadOnly, IsProductAdmin, has_role

HOST_ROLES = ("HOST", "BOTH")

IsAdmin = IsProductAdmin
# The spec's can_host() and can_book(): SEEKER accounts cannot list spots, HOST accounts cannot book.
CanHost = has_role(*HOST_ROLES)
CanBook = has_role("SEEKER", "BOTH")
CanHost.message = "Only hosts (HOST or BOTH accounts) can do this."
CanBook.message = "Only seekers (SEEKER or BOTH accounts) can do this."

__all__ = [
    "CanBook",
    "CanReviewOrReadOnly",
    "CanHost",
    "IsAdmin",
    "IsBookingGuest",
    "IsBookingHost",
    "IsHostOfListing",
    "IsListingHost",
    "IsListingHostOrAdminOrReadOnly",
    "IsMessageRecipient",
    "IsMessageSender",
    "IsNotReviewAuthor",
    "IsOwnerOrReadOnly",
    "IsParticipantInBooking",
    "IsReviewAuthorOrReadOnly",
    "IsSelfOrAdmin",
]


class IsSelfOrAdmin(BasePermission):
    """Reads for any signed-in user (the view decides how much is shown); writes for the account itself or an admin."""

    message = "You can only change your own account."

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        return obj.pk == request.user.pk or IsProductAdmin().has_permission(request, view)


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


# --- bookings ----------------------------------------------------------------------------


class IsParticipantInBooking(BasePermission):
    """The spec's IsParticipantInBooking: the caller is the booking's guest or its listing's host."""

    message = "Only the booking's guest and host can see it."

    def has_object_permission(self, request, view, obj):
        return request.user.is_authenticated and request.user.pk in (obj.guest_id, obj.listing.host_id)


class IsBookingGuest(BasePermission):
    """The caller booked it: changes, cancellation, check-in and check-out are the guest's."""

    message = "Only the booking's guest can do this."

    def has_object_permission(self, request, view, obj):
        return request.user.is_authenticated and obj.guest_id == request.user.pk


class IsBookingHost(BasePermission):
    """The caller hosts the booked listing: confirming and declining are the host's."""

    message = "Only the listing's host can do this."

    def has_object_permission(self, request, view, obj):
        return request.user.is_authenticated and obj.listing.host_id == request.user.pk


# --- messaging -------------------------------------------------------------------------


class IsMessageRecipient(BasePermission):
    """The object is a message the caller received (the other participant of its conversation)."""

    message = "Only the recipient can mark a message read."

    def has_object_permission(self, request, view, obj):
        return obj.sender_id != request.user.pk and request.user.pk in obj.conversation.participant_ids()


class IsMessageSender(BasePermission):
    """The object is a message the caller sent."""

    message = "You can only delete your own messages."

    def has_object_permission(self, request, view, obj):
        return obj.sender_id == request.user.pk


# --- reviews ---------------------------------------------------------------------------


class CanReviewOrReadOnly(BasePermission):
    """Anyone reads reviews; writing one needs a booking account (SEEKER or BOTH): only guests review."""

    message = "Only seekers (SEEKER or BOTH accounts) can review a booking."

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or (
            request.user.is_authenticated and CanBook().has_permission(request, view)
        )


class IsReviewAuthorOrReadOnly(BasePermission):
    """Anyone reads a (visible) review; only its author changes or deletes it."""

    message = "Only the review's author can change it."

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or obj.author_id == request.user.pk


class IsNotReviewAuthor(BasePermission):
    """Reporting is for others: the author cannot report their own review."""

    message = "You cannot report your own review."

    def has_object_permission(self, request, view, obj):
        return obj.author_id != request.user.pk
