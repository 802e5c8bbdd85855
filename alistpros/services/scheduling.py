"""Scheduling writes: booking, changing and moving appointments through their statuses, and pros' availability.

Every write that could double-book a pro locks the pro's ProProfile row first, then checks for
overlaps: bookings, moves and confirmations of one pro queue on that row, so of two clients
booking the same slot at once exactly one gets it. Updates take the profile lock before the
appointment's own row, in that order everywhere, so they cannot deadlock with each other.
"""

from datetime import date, datetime, time

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied, ValidationError

from alistpros.models import Appointment, AppointmentStatus, AvailabilitySlot, ProProfile, ServiceCategory
from alistpros.realtime import appointment_updated_publish
from alistpros.selectors.scheduling import is_admin
from core.api.exceptions import Conflict
from core.api.fields import missing_related

Status = AppointmentStatus

# Appointments that keep their slot: a new booking or a move may not overlap any of them.
HOLDING_STATUSES = (Status.REQUESTED, Status.PENDING, Status.CONFIRMED, Status.RESCHEDULED)
FINAL_STATUSES = (Status.COMPLETED, Status.CANCELLED)
TIME_FIELDS = ("appointment_date", "start_time", "end_time")
APPOINTMENT_EDITABLE = (*TIME_FIELDS, "notes", "location", "estimated_cost")

# target status -> (the statuses it may be reached from, whether only the pro or an admin may do it)
TRANSITIONS = {
    Status.CONFIRMED: ((Status.REQUESTED, Status.PENDING, Status.RESCHEDULED), True),
    Status.CANCELLED: ((Status.REQUESTED, Status.PENDING, Status.CONFIRMED, Status.RESCHEDULED), False),
    Status.COMPLETED: ((Status.CONFIRMED,), True),
    Status.RESCHEDULED: ((Status.CONFIRMED,), False),
}


def _starts_at(appointment_date: date, start_time: time) -> datetime:
    return timezone.make_aware(datetime.combine(appointment_date, start_time), timezone.get_current_timezone())


def _check_times(*, appointment_date: date, start_time: time, end_time: time) -> None:
    """Start and end on the appointment's day (TimeFields: one day), end after start, start not yet past."""
    if end_time <= start_time:
        raise ValidationError({"end_time": ["The end time must be after the start time, on the same day."]})
    if _starts_at(appointment_date, start_time) < timezone.now():
        raise ValidationError({"appointment_date": ["The appointment cannot start in the past."]})


def _lock_pro(contractor_id: int, *, missing=None) -> ProProfile:
    """The pro's row, locked until commit: a pro's appointments are checked and written one at a time."""
    try:
        return ProProfile.objects.select_for_update().get(pk=contractor_id)
    except ProProfile.DoesNotExist:
        if missing is None:
            raise
        raise missing from None


def _check_pro_free(
    *,
    contractor_id: int,
    appointment_date: date,
    start_time: time,
    end_time: time,
    statuses,
    exclude_id: int | None = None,
) -> None:
    """409 when the pro has an appointment in `statuses` overlapping the times; back-to-back ones do not overlap.

    Call with the pro's row locked (`_lock_pro`), or two writers could both find the slot free.
    """
    clashes = Appointment.objects.filter(
        contractor_id=contractor_id,
        appointment_date=appointment_date,
        start_time__lt=end_time,
        end_time__gt=start_time,
        status__in=statuses,
    )
    if exclude_id is not None:
        clashes = clashes.exclude(pk=exclude_id)
    if clashes.exists():
        message = "The pro already has an appointment overlapping this time."
        conflict = Conflict(message)
        conflict.extra_details = {"start_time": [message]}
        raise conflict


@transaction.atomic
def appointment_create(
    *,
    client,
    contractor_id: int,
    service_category: ServiceCategory,
    appointment_date: date,
    start_time: time,
    end_time: time,
    notes: str = "",
    location: str = "",
    estimated_cost: int | None = None,
) -> Appointment:
    """Book a REQUESTED appointment with a pro, for a category they offer, in a slot nobody holds (409 otherwise).

    Six queries with the caller's account and the category (issue #16): the pro locked, the category
    checked, the overlap checked, the insert.
    """
    contractor = _lock_pro(contractor_id, missing=missing_related("contractor", contractor_id))
    if not contractor.service_categories.filter(pk=service_category.pk).exists():
        raise ValidationError({"service_category": [f"This pro does not offer {service_category.name}."]})
    times = {"appointment_date": appointment_date, "start_time": start_time, "end_time": end_time}
    _check_times(**times)
    _check_pro_free(contractor_id=contractor.pk, statuses=HOLDING_STATUSES, **times)
    appointment = Appointment.objects.create(
        client=client,
        contractor=contractor,
        service_category=service_category,
        status=Status.REQUESTED,
        notes=notes,
        location=location,
        estimated_cost=estimated_cost,
        **times,
    )
    appointment_updated_publish(appointment=appointment)
    return appointment


def _next_status(*, appointment: Appointment, requested: str | None, times_changed: bool) -> str:
    """The status the update leads to, checked: 400 for a move the booking rules do not allow, 403 for the wrong party.

    Changing the times of a CONFIRMED appointment makes it RESCHEDULED unless the update names a status.
    """
    current = Status(appointment.status)
    if times_changed and current in FINAL_STATUSES:
        raise ValidationError({"status": [f"A {current.label.lower()} appointment cannot be moved."]})
    target = requested or (Status.RESCHEDULED if times_changed and current == Status.CONFIRMED else current)
    if target == current:
        return current
    sources, pro_only = TRANSITIONS.get(target, ((), False))
    if current not in sources:
        raise ValidationError({"status": [f"A {current.label.lower()} appointment cannot become {target}."]})
    if target == Status.RESCHEDULED and not times_changed:
        raise ValidationError({"status": ["Change the date or times to reschedule."]})
    return target


def _check_party(*, appointment: Appointment, user, target: str) -> None:
    if TRANSITIONS[target][1] and not (appointment.contractor.user_id == user.pk or is_admin(user)):
        raise PermissionDenied(f"Only the pro or an admin can set an appointment {target}.")


@transaction.atomic
def appointment_update(*, appointment_id: int, user, status: str | None = None, **fields) -> Appointment:
    """Change an appointment's details, times or status (the module's docstring says how it stays race-safe).

    New times are validated as at booking and may not overlap the pro's other holding appointments;
    confirming checks the pro's other CONFIRMED appointments. `user` is a participant or an admin.
    """
    unknown = set(fields) - set(APPOINTMENT_EDITABLE)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    contractor_id = get_object_or_404(Appointment.objects.values_list("contractor_id", flat=True), pk=appointment_id)
    _lock_pro(contractor_id)
    appointment = get_object_or_404(
        Appointment.objects.select_related("client", "contractor", "service_category").select_for_update(
            of=("self",)
        ),
        pk=appointment_id,
    )
    times = {name: fields.get(name, getattr(appointment, name)) for name in TIME_FIELDS}
    times_changed = any(times[name] != getattr(appointment, name) for name in TIME_FIELDS)
    current = appointment.status
    target = _next_status(appointment=appointment, requested=status, times_changed=times_changed)
    if target != current:
        _check_party(appointment=appointment, user=user, target=target)
    if times_changed:
        _check_times(**times)
    if times_changed and target in HOLDING_STATUSES:
        _check_pro_free(contractor_id=contractor_id, statuses=HOLDING_STATUSES, exclude_id=appointment.pk, **times)
    elif target == Status.CONFIRMED and current != Status.CONFIRMED:
        _check_pro_free(
            contractor_id=contractor_id, statuses=(Status.CONFIRMED,), exclude_id=appointment.pk, **times
        )
    for name, value in fields.items():
        setattr(appointment, name, value)
    appointment.status = target
    appointment.save()
    if target != current or times_changed:
        appointment_updated_publish(appointment=appointment)
    return appointment


# --- Availability ---------------------------------------------------------------------


def _check_slot(*, contractor_id: int, day_of_week: int, start_time: time, end_time: time, exclude_id=None) -> None:
    """400 when the slot ends before it starts or overlaps another of the pro's slots that day (adjacent is fine)."""
    if end_time <= start_time:
        raise ValidationError({"end_time": ["The end time must be after the start time."]})
    clashes = AvailabilitySlot.objects.filter(
        contractor_id=contractor_id, day_of_week=day_of_week, start_time__lt=end_time, end_time__gt=start_time
    )
    if exclude_id is not None:
        clashes = clashes.exclude(pk=exclude_id)
    if clashes.exists():
        raise ValidationError({"start_time": ["This slot overlaps another of your slots on that day."]})


@transaction.atomic
def availability_slot_create(
    *, contractor: ProProfile, day_of_week: int, start_time: time, end_time: time, is_recurring: bool = True
) -> AvailabilitySlot:
    """Add a weekly slot to the pro's availability; the pro's row is locked so concurrent slots cannot overlap."""
    _lock_pro(contractor.pk)
    _check_slot(contractor_id=contractor.pk, day_of_week=day_of_week, start_time=start_time, end_time=end_time)
    return AvailabilitySlot.objects.create(
        contractor=contractor,
        day_of_week=day_of_week,
        start_time=start_time,
        end_time=end_time,
        is_recurring=is_recurring,
    )


@transaction.atomic
def availability_slot_update(*, slot: AvailabilitySlot, **fields) -> AvailabilitySlot:
    """Change a slot's day, times or recurrence, re-checked against the pro's other slots."""
    unknown = set(fields) - {"day_of_week", "start_time", "end_time", "is_recurring"}
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    _lock_pro(slot.contractor_id)
    slot = get_object_or_404(AvailabilitySlot.objects.select_related("contractor"), pk=slot.pk)
    for name, value in fields.items():
        setattr(slot, name, value)
    _check_slot(
        contractor_id=slot.contractor_id,
        day_of_week=slot.day_of_week,
        start_time=slot.start_time,
        end_time=slot.end_time,
        exclude_id=slot.pk,
    )
    slot.save()
    return slot


def availability_slot_delete(*, slot: AvailabilitySlot) -> None:
    slot.delete()
