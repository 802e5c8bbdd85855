"""Appointments of clients with pros, and the pros' weekly availability."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from alistpros.models.pros import ProProfile, ServiceCategory


class AppointmentStatus(models.TextChoices):
    REQUESTED = "REQUESTED", "Requested"
    PENDING = "PENDING", "Pending"
    CONFIRMED = "CONFIRMED", "Confirmed"
    COMPLETED = "COMPLETED", "Completed"
    CANCELLED = "CANCELLED", "Cancelled"
    RESCHEDULED = "RESCHEDULED", "Rescheduled"


class Appointment(models.Model):
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alistpros_appointments"
    )
    contractor = models.ForeignKey(ProProfile, on_delete=models.CASCADE, related_name="appointments")
    service_category = models.ForeignKey(ServiceCategory, on_delete=models.PROTECT, related_name="appointments")
    appointment_date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    status = models.CharField(max_length=16, choices=AppointmentStatus.choices, default=AppointmentStatus.REQUESTED)
    notes = models.TextField(blank=True)
    location = models.CharField(max_length=500, blank=True)
    estimated_cost = models.PositiveIntegerField(null=True, blank=True, help_text="Minor units (cents).")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-appointment_date", "-start_time", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="alistpros_appointment_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["contractor", "appointment_date", "status"])]

    def __str__(self) -> str:
        return f"Appointment {self.pk} ({self.status})"


class AvailabilitySlot(models.Model):
    contractor = models.ForeignKey(ProProfile, on_delete=models.CASCADE, related_name="availability_slots")
    day_of_week = models.PositiveSmallIntegerField(help_text="0 = Monday ... 6 = Sunday.")
    start_time = models.TimeField()
    end_time = models.TimeField()
    is_recurring = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day_of_week", "start_time", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(day_of_week__lte=6), name="alistpros_slot_day_of_week"),
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="alistpros_slot_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Slot {self.day_of_week} {self.start_time}-{self.end_time}"
