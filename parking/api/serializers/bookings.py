"""Serializers of the bookings area: the booking's documented shape, its writes and the list's filters."""

from rest_framework import serializers

from core.api.fields import AccountIdField, UnloadedPrimaryKeyField
from core.api.serializers import ModelSerializer
from core.payments.money import format_amount
from parking.models import Booking, BookingStatus, Listing
from parking.models.listings import CURRENCY


class AccountRefSerializer(serializers.Serializer):
    """`{id, name}` of an account."""

    id = AccountIdField()
    name = serializers.CharField(read_only=True)


class ListingRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    address = serializers.CharField(read_only=True)


class PriceBreakdownSerializer(serializers.Serializer):
    days = serializers.IntegerField(source="price_days", read_only=True, help_text="Days charged at the day price.")
    hours = serializers.IntegerField(source="price_hours", read_only=True, help_text="Hours charged at the hour price.")


class BookingSerializer(ModelSerializer):
    """A booking as every endpoint shows it (listing, its host and the guest loaded by the selector)."""

    listing = ListingRefSerializer(read_only=True)
    guest = AccountRefSerializer(read_only=True)
    host = AccountRefSerializer(source="listing.host", read_only=True)
    total_price = serializers.SerializerMethodField(help_text='Decimal string in USD, e.g. "12.50".')
    currency = serializers.SerializerMethodField()
    price_breakdown = PriceBreakdownSerializer(source="*", read_only=True)
    refund_due = serializers.SerializerMethodField(help_text="Owed back after a cancellation (the payments area pays).")

    class Meta:
        model = Booking
        fields = [
            "id",
            "listing",
            "guest",
            "host",
            "start_time",
            "end_time",
            "status",
            "total_price",
            "currency",
            "price_breakdown",
            "payment_status",
            "refund_due",
            "vehicle_plate",
            "notes",
            "checked_in_at",
            "checked_out_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_total_price(self, obj) -> str:
        return format_amount(obj.total_price, CURRENCY)

    def get_refund_due(self, obj) -> str:
        return format_amount(obj.refund_due, CURRENCY)

    def get_currency(self, obj) -> str:
        return CURRENCY


class BookingCreateSerializer(serializers.Serializer):
    # The id only: the booking service locks the listing itself (issue #16).
    listing = UnloadedPrimaryKeyField(
        queryset=Listing.objects.alive().filter(is_active=True), help_text="The listing's id."
    )
    start_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()
    vehicle_plate = serializers.CharField(max_length=20, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    def validate(self, attrs):
        if "start_time" in attrs and "end_time" in attrs and attrs["end_time"] <= attrs["start_time"]:
            raise serializers.ValidationError({"end_time": ["Must be after start_time."]})
        return attrs


class BookingUpdateSerializer(serializers.Serializer):
    """PUT sends start_time and end_time (and optionally the rest); PATCH any of them."""

    start_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()
    vehicle_plate = serializers.CharField(max_length=20, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class BookingFilterSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=["guest", "host"], required=False, help_text="One side only.")
    status = serializers.ChoiceField(choices=BookingStatus.choices, required=False)
