"""Admin views of resources: filtered list, create for an author, detail, update, soft delete, restore, versions."""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.views import APIView

from core.api.query_params import validated_query
from core.api.responses import created, ok
from ressourcefy.api.pagination import PageMixin
from ressourcefy.api.permissions import ADMINS
from ressourcefy.api.serializers import admin_resources as s
from ressourcefy.api.serializers.resources import ResourceUpdateSerializer
from ressourcefy.models import Resource
from ressourcefy.selectors import admin_resources as selectors
from ressourcefy.services import admin_resources as services


@extend_schema(tags=["admin: resources"])
class AdminResourceListView(PageMixin, GenericAPIView):
    """GET admin/resources/: every resource with filters; POST creates one for an author."""

    permission_classes = ADMINS
    serializer_class = s.AdminResourceSerializer
    queryset = Resource.objects.none()  # the schema's model; the rows come from the selector

    @extend_schema(
        summary="List resources (admin)",
        parameters=[s.AdminResourceQuerySerializer],
        responses=s.AdminResourceSerializer(many=True),
        description=(
            "Filters: `author_id`, `visibility`, `has_price`, `search` (title), `tag_ids` (any of them, repeat "
            "the parameter), `include_deleted`, `deleted` (true: only deleted; false: only live); `ordering`."
        ),
    )
    def get(self, request):
        query = validated_query(s.AdminResourceQuerySerializer, request)
        return self.page_response(selectors.admin_resource_list(**query), s.AdminResourceSerializer)

    @extend_schema(
        summary="Create a resource for an author (admin)",
        request=s.AdminResourceCreateSerializer,
        responses={201: s.AdminResourceCreatedSerializer},
        description=(
            "`author_id` must be an active Ressourcefy account (400 `invalid_action` 'Author not found'); the "
            "price rule and tags as for `POST resources/`. A `file_url` makes version 1."
        ),
    )
    def post(self, request):
        body = s.AdminResourceCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        resource = services.admin_resource_create(**body.validated_data)
        data = {"resource_id": resource.pk, "title": resource.title, "author_id": resource.author.uuid}
        return created(data, message="Resource created.")


@extend_schema(tags=["admin: resources"])
class AdminResourceView(APIView):
    """admin/resources/<id>/: GET (deleted ones too), PATCH, DELETE (soft)."""

    permission_classes = ADMINS

    @extend_schema(summary="Get a resource (admin)", responses=s.AdminResourceSerializer)
    def get(self, request, resource_id):
        return ok(s.AdminResourceSerializer(selectors.admin_resource_get(resource_id=resource_id)).data)

    @extend_schema(
        summary="Update a resource (admin)",
        request=ResourceUpdateSerializer,
        responses=s.AdminResourceUpdatedSerializer,
        description="The price rule holds for the result. A deleted resource is 404 until restored.",
    )
    def patch(self, request, resource_id):
        body = ResourceUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        resource, changed = services.admin_resource_update(resource_id=resource_id, **body.validated_data)
        data = {"resource_id": resource.pk, "title": resource.title, "updated_fields": changed}
        return ok(data, message="Resource updated.")

    @extend_schema(
        summary="Delete a resource (admin)",
        responses=s.AdminResourceMessageSerializer,
        description="Soft delete (idempotent); `POST admin/resources/<id>/restore/` undoes it.",
    )
    def delete(self, request, resource_id):
        services.admin_resource_delete(resource_id=resource_id)
        return ok({"message": "Resource deleted successfully"})


@extend_schema(tags=["admin: resources"])
class AdminResourceRestoreView(APIView):
    """POST admin/resources/<id>/restore/: undo a soft delete."""

    permission_classes = ADMINS

    @extend_schema(
        summary="Restore a resource (admin)",
        request=None,
        responses=s.AdminResourceMessageSerializer,
        description="400 `invalid_action` when the resource is not deleted.",
    )
    def post(self, request, resource_id):
        services.admin_resource_restore(resource_id=resource_id)
        return ok({"message": "Resource restored successfully"})


@extend_schema(tags=["admin: resources"])
class AdminResourceVersionView(APIView):
    """POST admin/resources/<id>/versions/: the next version, whoever the author (numbers stay gapless)."""

    permission_classes = ADMINS

    @extend_schema(
        summary="Add a version (admin)",
        request=s.AdminVersionCreateSerializer,
        responses={201: s.AdminVersionCreatedSerializer},
        description="Numbered under a lock on the resource, as `POST resources/versions/`. A deleted resource is 404.",
    )
    def post(self, request, resource_id):
        body = s.AdminVersionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.admin_version_add(
            admin=request.user, resource_id=resource_id, file_url=body.validated_data["file_url"]
        )
        data = {"resource_id": resource_id, "version_number": version.version_number, "file_url": version.file_url}
        return created(data, message="Version added.")
