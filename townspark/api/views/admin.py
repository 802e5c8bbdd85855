"""Admin endpoints: dashboard, user management (list, detail, edit, suspend, delete), resolver verification."""

import django_filters
from django.contrib.auth import get_user_model
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema

from core.api.responses import ok
from core.private_media import private_file_response
from townspark.api.pagination import AdminResolverPagination, AdminUserPagination
from townspark.api.serializers import admin as s
from townspark.api.serializers.common import DetailSerializer
from townspark.api.serializers.issues import IssueCompactSerializer
from townspark.api.views.base import TownSparkAPIView, TownSparkListView
from townspark.models import AccountStatus, Department
from townspark.permissions import IsAdmin
from townspark.selectors import admin as selectors
from townspark.selectors.issues import issues_for
from townspark.services import accounts as account_services

User = get_user_model()
DASHBOARD_LIST_SIZE = 5


class AdminDashboardView(TownSparkAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(responses=s.AdminDashboardSerializer, summary="Admin dashboard")
    def get(self, request):
        context = {"request": request}
        pending = selectors.admin_resolvers(status="pending")[:DASHBOARD_LIST_SIZE]
        recent = issues_for(viewer=request.user).order_by("-created_at", "-number")[:DASHBOARD_LIST_SIZE]
        return ok(
            {
                "stats": selectors.admin_dashboard_stats(),
                "pending_approvals": s.AdminResolverSerializer(pending, many=True, context=context).data,
                "recent_issues": IssueCompactSerializer(recent, many=True, context=context).data,
                "recent_activity": s.AdminActivitySerializer(
                    selectors.recent_activity(), many=True, context=context
                ).data,
            }
        )


class AdminUserFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", help_text="Name, e-mail or username")
    status = django_filters.ChoiceFilter(
        choices=[(key, key) for key in selectors.STATUS_FILTERS], method="filter_status", help_text="Account status"
    )
    role = django_filters.ChoiceFilter(choices=[(r, r) for r in ("citizen", "resolver", "admin")], field_name="role")
    sort = django_filters.ChoiceFilter(
        choices=[(key, key) for key in selectors.USER_SORTS],
        method="filter_sort",
        help_text="newest, oldest, name, most_issues",
    )

    class Meta:
        model = User
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return selectors.users_search(queryset, value)

    def filter_status(self, queryset, name, value):
        return queryset.filter(selectors.STATUS_FILTERS[value])

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*selectors.USER_SORTS[value], "pk")


class AdminUserListView(TownSparkListView):
    """admin/users/ with the `stats` block {total, active, suspended, banned}."""

    permission_classes = [IsAdmin]
    serializer_class = s.AdminUserSerializer
    filterset_class = AdminUserFilter
    pagination_class = AdminUserPagination

    def get_queryset(self):
        return selectors.admin_users()

    def paginate_queryset(self, queryset):
        role = self.request.query_params.get("role", "")
        self.paginator.extra = {
            "stats": selectors.admin_user_stats(role=role if role in ("citizen", "resolver", "admin") else "")
        }
        return super().paginate_queryset(queryset)

    @extend_schema(responses=s.AdminUserSerializer(many=True), summary="List users")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AdminUserDetailView(TownSparkAPIView):
    permission_classes = [IsAdmin]
    extra_error_responses = {"400": "Validation error (e.g. deleting one's own account)"}

    def _data(self, request, pk):
        return s.AdminUserDetailSerializer(selectors.admin_user_get(pk=pk), context={"request": request}).data

    @extend_schema(responses=s.AdminUserDetailSerializer, summary="User details (admin)")
    def get(self, request, pk):
        return ok(self._data(request, pk))

    @extend_schema(request=s.AdminUserUpdateSerializer, responses=s.AdminUserDetailSerializer, summary="Update a user")
    def patch(self, request, pk):
        user = selectors.admin_user_get(pk=pk)
        serializer = s.AdminUserUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        account_services.user_update_by_admin(user=user, data=serializer.validated_data, actor=request.user)
        return ok(self._data(request, pk), message="User updated successfully")

    @extend_schema(responses={200: DetailSerializer}, summary="Delete a user")
    def delete(self, request, pk):
        user = selectors.admin_user_get(pk=pk)
        account_services.user_delete(user=user, actor=request.user)
        return ok({"detail": "User deleted."}, message="User deleted successfully")


class AdminUserToggleStatusView(TownSparkAPIView):
    permission_classes = [IsAdmin]
    forced_active: bool | None = None  # set by the explicit ban/unban aliases (api/compat.py)

    @extend_schema(
        request=s.ToggleStatusSerializer, responses=s.AdminUserDetailSerializer, summary="Suspend or reactivate"
    )
    def post(self, request, pk):
        user = selectors.admin_user_get(pk=pk)
        serializer = s.ToggleStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        active = serializer.validated_data.get("is_active") if self.forced_active is None else self.forced_active
        if active is None:  # no explicit state: flip it
            active = s.account_status(user) != AccountStatus.ACTIVE
        account_services.user_status_set(
            user=user,
            status=AccountStatus.ACTIVE if active else AccountStatus.SUSPENDED,
            reason=serializer.validated_data["reason"],
            actor=request.user,
        )
        data = s.AdminUserDetailSerializer(selectors.admin_user_get(pk=pk), context={"request": request}).data
        return ok(data, message="User activated successfully" if active else "User suspended successfully")


class AdminResolverFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", help_text="Name, e-mail or username")
    status = django_filters.ChoiceFilter(
        choices=[(key, key) for key in sorted(selectors.RESOLVER_STATUS)],
        field_name="resolver_profile__verification_status",
    )
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), field_name="resolver_profile__department", to_field_name="id"
    )

    class Meta:
        model = User
        fields: list[str] = []

    def filter_search(self, queryset, name, value):
        return selectors.users_search(queryset, value)

    def filter_status(self, queryset, name, value):
        if value == "pending":
            return queryset.filter(selectors.PENDING_RESOLVER)
        return queryset.filter(resolver_profile__verification_status=value)


class AdminResolverListView(TownSparkListView):
    """admin/resolvers/ with the `stats` block {total, verified, pending, rejected}."""

    permission_classes = [IsAdmin]
    serializer_class = s.AdminResolverSerializer
    filterset_class = AdminResolverFilter
    pagination_class = AdminResolverPagination
    verification_status = ""

    def get_queryset(self):
        return selectors.admin_resolvers(status=self.verification_status)

    def paginate_queryset(self, queryset):
        self.paginator.extra = {"stats": selectors.admin_resolver_stats()}
        return super().paginate_queryset(queryset)

    @extend_schema(responses=s.AdminResolverSerializer(many=True), summary="List resolvers")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AdminPendingResolverListView(AdminResolverListView):
    verification_status = "pending"

    @extend_schema(responses=s.AdminResolverSerializer(many=True), summary="Resolvers pending verification")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _resolver_data(request, pk):
    return s.AdminResolverSerializer(selectors.admin_resolver_get(pk=pk), context={"request": request}).data


class AdminResolverVerifyView(TownSparkAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(request=s.VerifySerializer, responses=s.AdminResolverSerializer, summary="Verify a resolver")
    def post(self, request, pk):
        resolver = selectors.admin_resolver_get(pk=pk)
        serializer = s.VerifySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        approved = serializer.validated_data["approved"]
        account_services.resolver_verify(
            resolver=resolver, actor=request.user, approved=approved, note=serializer.validated_data["note"]
        )
        return ok(
            _resolver_data(request, pk), message="Resolver verified successfully" if approved else "Resolver rejected"
        )


class AdminResolverRejectView(TownSparkAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(request=s.RejectSerializer, responses=s.AdminResolverSerializer, summary="Reject a resolver")
    def post(self, request, pk):
        resolver = selectors.admin_resolver_get(pk=pk)
        serializer = s.RejectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account_services.resolver_verify(
            resolver=resolver, actor=request.user, approved=False, note=serializer.validated_data["reason"]
        )
        return ok(_resolver_data(request, pk), message="Resolver rejected")


class AdminResolverDetailView(TownSparkAPIView):
    permission_classes = [IsAdmin]

    @extend_schema(responses={200: DetailSerializer}, summary="Remove a resolver (back to citizen)")
    def delete(self, request, pk):
        resolver = selectors.admin_resolver_get(pk=pk)
        account_services.resolver_remove(resolver=resolver, actor=request.user)
        return ok({"detail": "Resolver removed."}, message="Resolver removed successfully")


class AdminResolverIdDocumentView(TownSparkAPIView):
    """A resolver's ID document as a download: private storage, admins only, never rendered by the browser."""

    permission_classes = [IsAdmin]

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The document (PDF, JPEG, PNG or WebP) as an attachment"
            ),
            302: OpenApiResponse(
                description="With files on S3: Location is a signed URL, valid for S3_SIGNED_URL_SECONDS, "
                "that downloads the document as the attachment above"
            ),
        },
        summary="Download a resolver's ID document",
    )
    def get(self, request, pk):
        document = selectors.admin_resolver_id_document(pk=pk)
        return private_file_response(document, filename="id-document")
