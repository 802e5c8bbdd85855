"""Scheduling reads: the appointments an account may see, and the pros' availability slots."""

from datetime import date

from django.db.models import Q, QuerySet

from alistpros.models import Appointment, AvailabilitySlot
from alistpros.product import PRODUCT


def is_admin(user) -> bool:
    return user.role in PRODUCT.admin_roles


def appointment_visible(*, user) -> QuerySet:
    """The appointments `user` takes part in (as the client or as the pro of the profile); admins see all.

    The related rows the documented shape names come in the same query, so a page costs one query.
    """
    queryset = Appointment.objects.select_related("client", "contractor", "service_category")
    if is_admin(user):
        return queryset
    return queryset.filter(Q(client_id=user.pk) | Q(contractor__user_id=user.pk))


def appointment_list(
    *, user, status: str | None = None, date_from: date | None = None, date_to: date | None = None
) -> QuerySet:
    """`appointment_visible`, optionally narrowed to one status and an inclusive range of appointment dates."""
    queryset = appointment_visible(user=user)
    if status:
        queryset = queryset.filter(status=status)
    if date_from is not None:
        queryset = queryset.filter(appointment_date__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(appointment_date__lte=date_to)
    return queryset


def availability_slot_list(*, contractor_id: int | None = None) -> QuerySet:
    """Every pro's slots, or one pro's (by ProProfile id), with the pro's name from the same query."""
    queryset = AvailabilitySlot.objects.select_related("contractor")
    if contractor_id is not None:
        queryset = queryset.filter(contractor_id=contractor_id)
    return queryset


def availability_slot_owned(*, user) -> QuerySet:
    """The slots of `user`'s own pro profile: the only ones they may change."""
    return availability_slot_list().filter(contractor__user_id=user.pk)
