"""Admin views of tags: list and create, detail, rename and delete, merge. ADMINS and SUPERADMIN only."""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.views import APIView

from core.api.query_params import validated_query
from core.api.responses import created, ok
from ressourcefy.api.pagination import PageMixin
from ressourcefy.api.permissions import ADMINS
from ressourcefy.api.serializers import admin_tags as s
from ressourcefy.models import Tag
from ressourcefy.selectors import admin_tags as selectors
from ressourcefy.services import admin_tags as services


@extend_schema(tags=["admin: tags"])
class AdminTagListView(PageMixin, GenericAPIView):
    """GET admin/tags/: every live tag (deleted ones on request); POST creates one."""

    permission_classes = ADMINS
    serializer_class = s.AdminTagSerializer
    queryset = Tag.objects.none()  # the schema's model; the rows come from the selector

    @extend_schema(
        summary="List tags (admin)",
        parameters=[s.AdminTagQuerySerializer],
        responses=s.AdminTagSerializer(many=True),
        description="Search by name (any case), `include_deleted`, `ordering`; pages of `page_size` (max 100).",
    )
    def get(self, request):
        query = validated_query(s.AdminTagQuerySerializer, request)
        return self.page_response(selectors.admin_tag_list(**query), s.AdminTagSerializer)

    @extend_schema(
        summary="Create a tag (admin)",
        request=s.AdminTagNameSerializer,
        responses={201: s.AdminTagSavedSerializer},
        description=(
            "The slug is `slugify(name, allow_unicode=True)`, with `-2`, `-3`... when another tag has it. "
            "A live tag of the same name (any case) is 400 `invalid_action`."
        ),
    )
    def post(self, request):
        body = s.AdminTagNameSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        tag = services.tag_create(name=body.validated_data["name"])
        return created(s.AdminTagSavedSerializer(tag).data, message="Tag created.")


@extend_schema(tags=["admin: tags"])
class AdminTagView(APIView):
    """admin/tags/<id>/: GET (soft-deleted ones too, with usage counts), PATCH renames, DELETE."""

    permission_classes = ADMINS

    @extend_schema(summary="Get a tag (admin)", responses=s.AdminTagDetailSerializer)
    def get(self, request, tag_id):
        return ok(s.AdminTagDetailSerializer(selectors.admin_tag_get(tag_id=tag_id)).data)

    @extend_schema(
        summary="Rename a tag (admin)",
        request=s.AdminTagNameSerializer,
        responses=s.AdminTagSavedSerializer,
        description="The slug follows the new name. Soft-deleted tags are 404.",
    )
    def patch(self, request, tag_id):
        body = s.AdminTagNameSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        tag = services.tag_update(tag_id=tag_id, name=body.validated_data["name"])
        return ok(s.AdminTagSavedSerializer(tag).data, message="Tag updated.")

    @extend_schema(
        summary="Delete a tag (admin)",
        responses=s.AdminTagMessageSerializer,
        description=(
            "An unused tag is deleted. A tag in use is detached from its resources and interests and "
            "soft-deleted (kept as a record, recorded in the audit trail). Soft-deleted tags are 404."
        ),
    )
    def delete(self, request, tag_id):
        services.tag_delete(tag_id=tag_id)
        return ok({"message": "Tag deleted successfully"})


@extend_schema(tags=["admin: tags"])
class AdminTagMergeView(APIView):
    """POST admin/tags/merge/: the source's resources and interests move to the target; the source is soft-deleted."""

    permission_classes = ADMINS

    @extend_schema(
        summary="Merge tags (admin)",
        request=s.AdminTagMergeSerializer,
        responses=s.AdminTagMergedSerializer,
        description=(
            "One transaction: every resource and profile interest of the source points at the target "
            "(no duplicates), the source is soft-deleted. Same tag twice, a soft-deleted source or target: "
            "400 `invalid_action`; an unknown one: 404."
        ),
    )
    def post(self, request):
        body = s.AdminTagMergeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        source, target = services.tag_merge(
            source_id=body.validated_data["source_tag_id"], target_id=body.validated_data["target_tag_id"]
        )
        return ok({"message": "Tags merged successfully", "source_tag_id": source.pk, "target_tag_id": target.pk})
