"""Views of the resources area: create, update, delete, versions, access, detail, the feed, tags, authors, own list.

Thin: validate, call a service or selector, serialize. Routes: `POST resources/<id>/` is the document's
ACCESS request, so updating is `PATCH resources/<id>/` and soft deleting `DELETE resources/<id>/`.
"""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.query_params import validated_query
from core.api.responses import created, ok
from ressourcefy.api.pagination import PageMixin
from ressourcefy.api.permissions import SIGNED_IN, IsContributor
from ressourcefy.api.serializers import resources as s
from ressourcefy.models import Resource, Tag
from ressourcefy.selectors import resources as selectors
from ressourcefy.selectors.access import is_staff, resource_access_reason
from ressourcefy.services import resources as services

# Every signed-in endpoint of the area: an activated account that finished onboarding.

RESOURCE_ID = "8a7b5c3d-1234-5678-90ab-cdef12345678"
TAG_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
AUTHOR_ID = "1a2b3c4d-5678-90ab-cdef-1234567890ab"
CREATED_EXAMPLE = {
    "resource_id": RESOURCE_ID,
    "title": "My Resource Title",
    "description": "Detailed description of the resource",
    "visibility": "public",
    "price_cents": None,
    "author_id": AUTHOR_ID,
    "tags": [TAG_ID],
    "version_count": 1,
    "created_at": "2026-02-04T12:00:00Z",
    "updated_at": "2026-02-04T12:00:00Z",
}
CARD_EXAMPLE = {
    "id": RESOURCE_ID,
    "title": "Advanced Django Patterns",
    "author_id": AUTHOR_ID,
    "author_name": "john_doe",
    "author_avatar": "https://cdn.ressourcefy.com/avatars/john.jpg",
    "tags": ["django", "python"],
    "stats": {"comment_count": 15},
    "price_cents": None,
    "visibility": "public",
    "created_at": "2026-01-15T09:00:00Z",
}


class IsAuthorOrStaff(BasePermission):
    """The resource's author, or a moderator/administrator."""

    message = "Only the resource's author or staff can change it."

    def has_object_permission(self, request, view, obj):
        return obj.author_id == request.user.pk or is_staff(request.user)


@extend_schema(tags=["resources"])
class ResourceCreateView(APIView):
    """POST resources/: a contributor publishes a resource."""

    permission_classes = [*SIGNED_IN, IsContributor]

    @extend_schema(
        summary="Create a resource",
        request=s.ResourceCreateSerializer,
        responses={201: s.ResourceSerializer},
        examples=[
            OpenApiExample(
                "Public resource with a file",
                value={
                    "title": "My Resource Title",
                    "description": "Detailed description of the resource",
                    "visibility": "public",
                    "price_cents": None,
                    "tag_ids": [TAG_ID],
                    "file_url": "https://cdn.ressourcefy.com/files/resource-v1.pdf",
                },
                request_only=True,
            ),
            OpenApiExample("Created", value=CREATED_EXAMPLE, response_only=True, status_codes=["201"]),
        ],
        description=(
            "CONTRIBUTOR and above. `price_cents` is required for premium resources and must be null "
            "otherwise (400 `invalid_action`: 'Premium resources must have a price' / 'Only premium "
            "resources can have a price'); unknown tags are 400 `invalid_action` 'One or more tags not "
            "found'. A `file_url` makes version 1. Malformed fields are 400 `validation_error` with "
            "`details` (never DRF's bare field errors)."
        ),
    )
    def post(self, request):
        body = s.ResourceCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        resource = services.resource_create(author=request.user, **body.validated_data)
        return created(s.ResourceSerializer(resource).data, message="Resource created.")


@extend_schema(tags=["resources"])
class ResourceView(GenericAPIView):
    """`resources/<id>/`: POST requests access (the document's route), PATCH updates, DELETE soft-deletes."""

    permission_classes = [*SIGNED_IN, IsAuthorOrStaff]
    serializer_class = s.ResourceSerializer
    extra_error_responses = {"404": "No such resource, or one the caller may not see."}

    def get_resource(self, resource_id) -> Resource:
        resource = selectors.resource_get_visible(resource_id=resource_id, user=self.request.user)
        self.check_object_permissions(self.request, resource)
        return resource

    @extend_schema(
        summary="Access a resource",
        operation_id="resources_access",
        request=None,
        responses={
            200: s.AccessSerializer,
            403: OpenApiResponse(description="`premium_required`: neither bought nor subscribed."),
        },
        examples=[
            OpenApiExample(
                "Granted",
                value={
                    "access_granted": True,
                    "resource_id": RESOURCE_ID,
                    "latest_version": {
                        "version_number": 2,
                        "file_url": "https://cdn.ressourcefy.com/files/my-resource-v2.pdf",
                    },
                },
                response_only=True,
            )
        ],
        description=(
            "Public: anyone signed in. Premium: the author, staff, a buyer or an active subscriber, else 403 "
            "`premium_required`. Private: the author and staff; anyone else gets 404, as if it did not exist. "
            "Every request is recorded, granted or not. `latest_version` is null before the first version."
        ),
    )
    def post(self, request, resource_id):
        resource = selectors.resource_get_live(resource_id=resource_id)
        version = services.resource_access(user=request.user, resource=resource)
        data = {"access_granted": True, "resource_id": resource.pk, "latest_version": version}
        return ok(s.AccessSerializer(data).data)

    @extend_schema(
        summary="Update a resource",
        request=s.ResourceUpdateSerializer,
        responses={200: s.ResourceSerializer},
        examples=[
            OpenApiExample("Make it premium", value={"visibility": "premium", "price_cents": 999}, request_only=True),
            OpenApiExample(
                "Updated",
                value={**CREATED_EXAMPLE, "visibility": "premium", "price_cents": 999},
                response_only=True,
            ),
        ],
        description=(
            "The author or staff (others: 403). Fields are optional; the result follows the price rule of "
            "creation. Leaving premium without naming `price_cents` drops the price. `tag_ids` replaces the tags."
        ),
    )
    def patch(self, request, resource_id):
        resource = self.get_resource(resource_id)
        body = s.ResourceUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        resource = services.resource_update(resource=resource, **body.validated_data)
        return ok(s.ResourceSerializer(resource).data, message="Resource updated.")

    @extend_schema(summary="Delete a resource", request=None, responses={204: None})
    def delete(self, request, resource_id):
        """Soft delete by the author or staff: it answers 404 afterwards and leaves every list."""
        services.resource_delete(resource=self.get_resource(resource_id))
        return Response(status=204)


@extend_schema(tags=["resources"])
class ResourceVersionCreateView(APIView):
    """POST resources/versions/: the author's next version."""

    permission_classes = SIGNED_IN
    extra_error_responses = {"404": "No such resource, or one the caller may not see."}

    @extend_schema(
        summary="Create a resource version",
        request=s.VersionCreateSerializer,
        responses={201: s.VersionSerializer},
        examples=[
            OpenApiExample(
                "New version",
                value={"resource_id": RESOURCE_ID, "file_url": "https://cdn.ressourcefy.com/files/my-resource-v2.pdf"},
                request_only=True,
            ),
            OpenApiExample(
                "Created",
                value={
                    "version_number": 2,
                    "file_url": "https://cdn.ressourcefy.com/files/my-resource-v2.pdf",
                    "created_at": "2026-01-25T12:30:00Z",
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
        description="Only the author (403 otherwise). Numbers run 1, 2, 3... without gaps, even concurrently.",
    )
    def post(self, request):
        body = s.VersionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.resource_version_add(user=request.user, **body.validated_data)
        return created(s.VersionSerializer(version).data, message="Version created.")


@extend_schema(tags=["resources"])
class ResourceDetailView(APIView):
    """GET resources/<id>/detail/."""

    permission_classes = SIGNED_IN
    extra_error_responses = {"404": "No such resource, or one the caller may not see."}

    @extend_schema(
        summary="Get a resource's detail",
        responses={200: s.ResourceDetailSerializer},
        description=(
            "Public and premium resources are visible to anyone signed in, private ones to the author and "
            "staff (404 for others). For a premium resource the caller is not entitled to, the detail is "
            "shown so it can be bought, with `access_granted: false` and every version's `file_url` null."
        ),
    )
    def get(self, request, resource_id):
        resource = selectors.resource_detail_get(resource_id=resource_id, user=request.user)
        entitled = resource_access_reason(request.user, resource) is not None
        return ok(s.ResourceDetailSerializer(resource, context={"request": request, "entitled": entitled}).data)


@extend_schema(tags=["resources"])
class FeedView(PageMixin, GenericAPIView):
    """GET feed/: public and premium resources, newest first (no sign-in needed)."""

    permission_classes = [AllowAny]
    serializer_class = s.ResourceCardSerializer
    queryset = Resource.objects.none()  # the schema's model; the rows come from the selector

    @extend_schema(
        summary="Get the resource feed",
        parameters=[
            OpenApiParameter("tag", str, description="Only resources with this tag (its slug or id)."),
            OpenApiParameter("search", str, description="Words in the title or description."),
        ],
        responses=s.ResourceCardSerializer(many=True),
        description="Pages are `{count, next, previous, results}` inside `data` (`page`, `page_size` up to 100).",
    )
    def get(self, request):
        query = validated_query(s.FeedQuerySerializer, request)
        return self.page_response(selectors.feed_list(**query), s.ResourceCardSerializer)


@extend_schema(tags=["resources"])
class UserResourceListView(PageMixin, GenericAPIView):
    """GET user/resources/: the caller's own resources of every visibility, newest first."""

    permission_classes = SIGNED_IN
    serializer_class = s.ResourceCardSerializer
    queryset = Resource.objects.none()  # the schema's model; the rows come from the selector

    @extend_schema(summary="List my resources", responses=s.ResourceCardSerializer(many=True))
    def get(self, request):
        return self.page_response(selectors.user_resource_list(user=request.user), s.ResourceCardSerializer)


@extend_schema(tags=["resources"])
class TagListView(PageMixin, GenericAPIView):
    """GET tags/: every tag by name (no sign-in needed)."""

    permission_classes = [AllowAny]
    serializer_class = s.TagSerializer
    queryset = Tag.objects.none()  # the schema's model; the rows come from the selector

    @extend_schema(summary="List tags", responses=s.TagSerializer(many=True))
    def get(self, request):
        return self.page_response(selectors.tag_list(), s.TagSerializer)


@extend_schema(tags=["resources"])
class AuthorView(APIView):
    """GET authors/<user_id>/: an author's public profile."""

    permission_classes = [AllowAny]
    extra_error_responses = {"404": "No Ressourcefy account with this id."}

    @extend_schema(
        summary="Get an author's profile",
        responses={200: s.AuthorSerializer},
        description=(
            "Counts and the five most recent resources cover public and premium ones only; "
            "`total_views` counts granted access requests to them."
        ),
    )
    def get(self, request, user_id):
        return ok(s.AuthorSerializer(selectors.author_get(user_id=user_id)).data)
