"""Reference data and public platform stats (no authentication needed)."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny

from core.api.responses import ok
from townspark.api.serializers import reference as ref
from townspark.api.views.base import TownSparkAPIView
from townspark.selectors import reference as selectors


class _ReferenceList(TownSparkAPIView):
    permission_classes = [AllowAny]
    serializer_class = None

    def items(self):
        raise NotImplementedError

    def get(self, request):
        return ok(self.serializer_class(self.items(), many=True).data)


class CategoryListView(_ReferenceList):
    serializer_class = ref.CategorySerializer

    def items(self):
        return selectors.categories_active()

    @extend_schema(responses=ref.CategorySerializer(many=True), summary="Issue categories")
    def get(self, request):
        return super().get(request)


class DepartmentListView(_ReferenceList):
    serializer_class = ref.DepartmentSerializer

    def items(self):
        return selectors.departments_active()

    @extend_schema(responses=ref.DepartmentSerializer(many=True), summary="Departments")
    def get(self, request):
        return super().get(request)


class StatusOptionListView(_ReferenceList):
    serializer_class = ref.StatusOptionSerializer

    def items(self):
        return selectors.status_options()

    @extend_schema(responses=ref.StatusOptionSerializer(many=True), summary="Issue status options")
    def get(self, request):
        return super().get(request)


class UrgencyLevelListView(_ReferenceList):
    serializer_class = ref.UrgencyLevelSerializer

    def items(self):
        return selectors.urgency_levels()

    @extend_schema(responses=ref.UrgencyLevelSerializer(many=True), summary="Urgency levels")
    def get(self, request):
        return super().get(request)


class PlatformStatsView(TownSparkAPIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=ref.PlatformStatsSerializer, summary="Public platform statistics")
    def get(self, request):
        return ok(selectors.platform_stats())
