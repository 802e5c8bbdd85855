"""Scheduling endpoints: appointments between clients and pros, and the pros' weekly availability slots."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from alistpros.api.permissions import IsAListHomePro, IsClient
from alistpros.api.serializers import scheduling as s
from alistpros.models import Appointment, AvailabilitySlot, ProProfile
from alistpros.selectors import scheduling as selectors
from alistpros.services import scheduling as services
from core.api.query_params import validated_query
from core.api.responses import created, ok


class HasProProfile(BasePermission):
    """The pro has created their profile; it is then cached on `request.user` for the view."""

    message = "Create your pro profile before managing availability."

    def has_permission(self, request, view):
        try:
            request.user.alistpros_profile  # noqa: B018 (loads and caches the profile)
        except ProProfile.DoesNotExist:
            return False
        return True


@extend_schema(tags=["scheduling"])
class AppointmentViewSet(GenericViewSet):
    """Appointments the requesting account takes part in, as the client or as the pro; admins see all.

    Others' appointments are not found (404). A booking or a move that overlaps an appointment the pro
    already holds (REQUESTED, PENDING, CONFIRMED or RESCHEDULED) is a 409; so is confirming over
    another CONFIRMED appointment. Times are in the server's time zone (UTC).
    """

    serializer_class = s.AppointmentSerializer

    @property
    def extra_error_responses(self) -> dict:
        """For the schema: only writes can clash with the pro's other appointments."""
        if self.action in {"create", "partial_update"}:
            return {"409": "The pro already has an appointment overlapping this time"}
        return {}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Appointment.objects.none()
        return selectors.appointment_visible(user=self.request.user)

    def get_permissions(self):
        if self.action == "create":
            return [IsAuthenticated(), IsClient()]
        return [IsAuthenticated()]

    @extend_schema(
        parameters=[s.AppointmentFilterSerializer],
        responses=s.AppointmentSerializer(many=True),
    )
    def list(self, request, *args, **kwargs):
        appointments = selectors.appointment_list(
            user=request.user, **validated_query(s.AppointmentFilterSerializer, request)
        )
        page = self.paginate_queryset(appointments)
        return self.get_paginated_response(s.AppointmentSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(request=s.AppointmentCreateSerializer, responses={201: s.AppointmentSerializer})
    def create(self, request, *args, **kwargs):
        """Book an appointment (clients only): it starts REQUESTED, for the pro to confirm."""
        serializer = s.AppointmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        appointment = services.appointment_create(client=request.user, contractor_id=data.pop("contractor"), **data)
        return created(s.AppointmentSerializer(appointment, context={"request": request}).data)

    @extend_schema(responses={200: s.AppointmentSerializer})
    def retrieve(self, request, *args, **kwargs):
        return ok(s.AppointmentSerializer(self.get_object(), context={"request": request}).data)

    @extend_schema(request=s.AppointmentUpdateSerializer, responses={200: s.AppointmentSerializer})
    def partial_update(self, request, *args, **kwargs):
        """Change details, date and times, or status; new times of a CONFIRMED appointment make it RESCHEDULED."""
        appointment = self.get_object()
        serializer = s.AppointmentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        appointment = services.appointment_update(
            appointment_id=appointment.pk, user=request.user, **serializer.validated_data
        )
        return ok(s.AppointmentSerializer(appointment, context={"request": request}).data)


@extend_schema(tags=["scheduling"])
class AvailabilitySlotViewSet(GenericViewSet):
    """Pros' weekly availability, visible to every account; a pro adds and changes only their own slots.

    Another pro's slot is not found (404) for changes. One pro's slots on one day may not overlap (400).
    """

    serializer_class = s.AvailabilitySlotSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AvailabilitySlot.objects.none()
        if self.action in {"partial_update", "destroy"}:
            return selectors.availability_slot_owned(user=self.request.user)
        return selectors.availability_slot_list()

    def get_permissions(self):
        if self.action == "create":
            return [IsAuthenticated(), IsAListHomePro(), HasProProfile()]
        return [IsAuthenticated()]

    @extend_schema(
        parameters=[s.AvailabilitySlotFilterSerializer],
        responses=s.AvailabilitySlotSerializer(many=True),
    )
    def list(self, request, *args, **kwargs):
        slots = selectors.availability_slot_list(
            contractor_id=validated_query(s.AvailabilitySlotFilterSerializer, request).get("contractor")
        )
        page = self.paginate_queryset(slots)
        return self.get_paginated_response(s.AvailabilitySlotSerializer(page, many=True).data)

    @extend_schema(request=s.AvailabilitySlotWriteSerializer, responses={201: s.AvailabilitySlotSerializer})
    def create(self, request, *args, **kwargs):
        """Add a slot to your availability (pros with a profile only)."""
        serializer = s.AvailabilitySlotWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        slot = services.availability_slot_create(contractor=request.user.alistpros_profile, **serializer.validated_data)
        return created(s.AvailabilitySlotSerializer(slot).data)

    @extend_schema(responses={200: s.AvailabilitySlotSerializer})
    def retrieve(self, request, *args, **kwargs):
        return ok(s.AvailabilitySlotSerializer(self.get_object()).data)

    @extend_schema(request=s.AvailabilitySlotUpdateSerializer, responses={200: s.AvailabilitySlotSerializer})
    def partial_update(self, request, *args, **kwargs):
        """Change one of your slots."""
        slot = self.get_object()
        serializer = s.AvailabilitySlotUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        slot = services.availability_slot_update(slot=slot, **serializer.validated_data)
        return ok(s.AvailabilitySlotSerializer(slot).data)

    @extend_schema(responses={204: None})
    def destroy(self, request, *args, **kwargs):
        """Remove one of your slots."""
        services.availability_slot_delete(slot=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
