"""Shapes of the scheduling endpoints: appointments, their writes and filters, and availability slots."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from alistpros.models import Appointment, AppointmentStatus, AvailabilitySlot, ProProfile, ServiceCategory
from core.api.fields import AccountIdField, UnloadedPrimaryKeyField
from core.api.serializers import ModelSerializer
from core.ids import MAX_INTEGER_ID
from core.payments.money import AmountField

CURRENCY = "usd"


class AccountRefSerializer(serializers.Serializer):
    id = AccountIdField()
    name = serializers.CharField(read_only=True)


class ProRefSerializer(serializers.Serializer):
    """The pro's profile (the spec's `contractor`): its id is the ProProfile id."""

    id = serializers.IntegerField(read_only=True)
    business_name = serializers.CharField(read_only=True)


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class AppointmentSerializer(ModelSerializer):
    client = AccountRefSerializer(read_only=True)
    contractor = ProRefSerializer(read_only=True)
    service_category = CategoryRefSerializer(read_only=True)
    estimated_cost = AmountField(currency=CURRENCY, read_only=True, allow_null=True)

    class Meta:
        model = Appointment
        fields = [
            "id",
            "client",
            "contractor",
            "service_category",
            "appointment_date",
            "start_time",
            "end_time",
            "status",
            "notes",
            "location",
            "estimated_cost",
            "created_at",
        ]
        read_only_fields = fields


class AppointmentCreateSerializer(serializers.Serializer):
    # The id only: the scheduling service locks the pro's row itself (issue #16).
    contractor = UnloadedPrimaryKeyField(queryset=ProProfile.objects.all(), help_text="The pro's profile id.")
    service_category = serializers.PrimaryKeyRelatedField(
        queryset=ServiceCategory.objects.all(), help_text="One of the categories the pro offers."
    )
    appointment_date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField(help_text="After start_time, on the same day.")
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    location = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    estimated_cost = AmountField(currency=CURRENCY, required=False, allow_null=True, default=None)


# The response's `status` is the documented enum; the request's is a string listing the same values, so
# that the choice set lives in one schema component and cannot collide with other areas' `status` enums.
@extend_schema_field(OpenApiTypes.STR)
class StatusChoiceField(serializers.ChoiceField):
    pass


class AppointmentUpdateSerializer(serializers.Serializer):
    """PATCH body: the fields sent change, the others stay."""

    status = StatusChoiceField(
        choices=AppointmentStatus.choices,
        required=False,
        help_text=(
            "One of REQUESTED, PENDING, CONFIRMED, COMPLETED, CANCELLED, RESCHEDULED. "
            "CONFIRMED (from REQUESTED, PENDING or RESCHEDULED; the pro or an admin), CANCELLED (from any open status; "
            "either participant), COMPLETED (from CONFIRMED; the pro or an admin), RESCHEDULED (from CONFIRMED, "
            "with new date or times). Nothing leaves COMPLETED or CANCELLED."
        ),
    )
    appointment_date = serializers.DateField(required=False)
    start_time = serializers.TimeField(required=False)
    end_time = serializers.TimeField(required=False)
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    location = serializers.CharField(max_length=500, required=False, allow_blank=True)
    estimated_cost = AmountField(currency=CURRENCY, required=False, allow_null=True)


class AppointmentFilterSerializer(serializers.Serializer):
    """Query parameters of the appointment list."""

    status = serializers.ChoiceField(choices=AppointmentStatus.choices, required=False)
    date_from = serializers.DateField(required=False, help_text="Appointments on or after this date.")
    date_to = serializers.DateField(required=False, help_text="Appointments on or before this date.")

    def validate(self, attrs):
        if "date_from" in attrs and "date_to" in attrs and attrs["date_to"] < attrs["date_from"]:
            raise serializers.ValidationError({"date_to": ["Must not be before date_from."]})
        return attrs


class AvailabilitySlotSerializer(ModelSerializer):
    contractor = ProRefSerializer(read_only=True)

    class Meta:
        model = AvailabilitySlot
        fields = ["id", "contractor", "day_of_week", "start_time", "end_time", "is_recurring", "created_at"]
        read_only_fields = fields


class AvailabilitySlotWriteSerializer(serializers.Serializer):
    day_of_week = serializers.IntegerField(min_value=0, max_value=6, help_text="0 = Monday ... 6 = Sunday.")
    start_time = serializers.TimeField()
    end_time = serializers.TimeField(help_text="After start_time.")
    is_recurring = serializers.BooleanField(required=False, default=True)


class AvailabilitySlotUpdateSerializer(AvailabilitySlotWriteSerializer):
    """PATCH body: the fields sent change, the others stay."""

    day_of_week = serializers.IntegerField(min_value=0, max_value=6, required=False)
    start_time = serializers.TimeField(required=False)
    end_time = serializers.TimeField(required=False)
    is_recurring = serializers.BooleanField(required=False)


class AvailabilitySlotFilterSerializer(serializers.Serializer):
    contractor = serializers.IntegerField(
        min_value=1, max_value=MAX_INTEGER_ID, required=False, help_text="A pro's profile id: only their slots."
    )
