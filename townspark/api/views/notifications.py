"""Notification endpoints: the inbox (read/type filters, unread_count), mark read, read all, delete."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated

from core.api.responses import ok
from townspark.api.pagination import NotificationPagination
from townspark.api.serializers.common import DetailSerializer
from townspark.api.serializers.notifications import NotificationSerializer, ReadAllResultSerializer
from townspark.api.views.base import TownSparkAPIView, TownSparkListView
from townspark.models import Notification
from townspark.selectors.notifications import notification_get, notifications_for, notifications_unread_count
from townspark.services import notifications as notification_services


class NotificationFilter(django_filters.FilterSet):
    read = django_filters.BooleanFilter(help_text="true or false")
    type = django_filters.ChoiceFilter(choices=Notification.Type.choices)

    class Meta:
        model = Notification
        fields: list[str] = []


class NotificationListView(TownSparkListView):
    permission_classes = [IsAuthenticated]
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    pagination_class = NotificationPagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return notifications_for(user=self.request.user)

    def filter_queryset(self, queryset):
        if not self.request.query_params.keys() & NotificationFilter.base_filters.keys():
            return queryset  # nothing to filter: spare building the filters' form
        return super().filter_queryset(queryset)

    def paginate_queryset(self, queryset):
        self.paginator.extra = {"unread_count": notifications_unread_count(user=self.request.user)}
        return super().paginate_queryset(queryset)

    @extend_schema(responses=NotificationSerializer(many=True), summary="My notifications")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class NotificationReadView(TownSparkAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=NotificationSerializer, summary="Mark a notification as read")
    def patch(self, request, pk):
        notification = notification_get(user=request.user, pk=pk)
        notification_services.notification_mark_read(notification=notification)
        return ok(
            NotificationSerializer(notification, context={"request": request}).data,
            message="Notification marked as read",
        )


class NotificationReadAllView(TownSparkAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses=ReadAllResultSerializer, summary="Mark all notifications as read")
    def post(self, request):
        marked = notification_services.notifications_mark_all_read(user=request.user)
        return ok({"marked_read": marked, "unread_count": 0}, message="All notifications marked as read")


class NotificationDetailView(TownSparkAPIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DetailSerializer}, summary="Delete a notification")
    def delete(self, request, pk):
        notification = notification_get(user=request.user, pk=pk)
        notification_services.notification_delete(notification=notification)
        return ok({"detail": "Notification deleted."}, message="Notification deleted successfully")
