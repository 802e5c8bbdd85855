"""Views of the pros area: profiles (public list and detail, the pro's own create and update), service
categories, the pro's portfolio and clients' reviews. Thin: validate, call a service or selector, serialize."""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView, ListAPIView, RetrieveAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated

from alistpros.api.filters import ProProfileFilter
from alistpros.api.permissions import IsAListHomePro, IsClient
from alistpros.api.serializers import pros as s
from alistpros.selectors import pros as selectors
from alistpros.services import pros as services
from core.api.parsers import JSONParser
from core.api.responses import created, ok

UPLOAD_PARSERS = [JSONParser, MultiPartParser, FormParser]


@extend_schema(tags=["alistpros"])
class ProProfileListView(ListAPIView):
    """Every pro profile, newest first unless `ordering` says otherwise. Public."""

    permission_classes = [AllowAny]
    serializer_class = s.ProProfileSerializer
    filterset_class = ProProfileFilter

    def get_queryset(self):
        return selectors.pro_profile_list()


@extend_schema(tags=["alistpros"])
class ProProfileDetailView(RetrieveAPIView):
    """One pro profile by its id. Public."""

    permission_classes = [AllowAny]
    serializer_class = s.ProProfileSerializer
    filter_backends = []

    def get_queryset(self):
        return selectors.pro_profile_list()


@extend_schema(tags=["alistpros"])
class ProProfileCreateView(GenericAPIView):
    """Create the calling pro's profile: one per pro, a second is a 400. JSON, or multipart with `profile_image`."""

    permission_classes = [IsAuthenticated, IsAListHomePro]
    parser_classes = UPLOAD_PARSERS
    serializer_class = s.ProProfileWriteSerializer

    @extend_schema(request=s.ProProfileWriteSerializer, responses={201: s.ProProfileSerializer})
    def post(self, request):
        serializer = s.ProProfileWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        profile = services.pro_profile_create(user=request.user, **serializer.validated_data)
        body = s.ProProfileSerializer(selectors.pro_profile_get(profile_id=profile.pk), context={"request": request})
        return created(body.data)


@extend_schema(tags=["alistpros"])
class ProProfileUpdateView(GenericAPIView):
    """Change the calling pro's own profile: every field optional (PUT and PATCH alike). 404 without a profile."""

    permission_classes = [IsAuthenticated, IsAListHomePro]
    parser_classes = UPLOAD_PARSERS
    serializer_class = s.ProProfileWriteSerializer

    def update(self, request):
        serializer = s.ProProfileWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        profile = services.pro_profile_update(user=request.user, **serializer.validated_data)
        body = s.ProProfileSerializer(selectors.pro_profile_get(profile_id=profile.pk), context={"request": request})
        return ok(body.data)

    @extend_schema(request=s.ProProfileWriteSerializer, responses={200: s.ProProfileSerializer})
    def put(self, request):
        return self.update(request)

    @extend_schema(request=s.ProProfileWriteSerializer, responses={200: s.ProProfileSerializer})
    def patch(self, request):
        return self.update(request)


@extend_schema(tags=["alistpros"])
class ServiceCategoryListView(GenericAPIView):
    """Every service category, as a plain array (not paginated). Public."""

    permission_classes = [AllowAny]
    serializer_class = s.ServiceCategorySerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return selectors.service_category_list()

    @extend_schema(responses={200: s.ServiceCategorySerializer(many=True)})
    def get(self, request):
        return ok(s.ServiceCategorySerializer(self.get_queryset(), many=True).data)


@extend_schema(tags=["alistpros"])
class PortfolioView(ListAPIView):
    """The calling pro's portfolio (an empty list before they have a profile); POST adds an item, multipart
    with an optional `image`. Adding needs a profile: 404 without one."""

    permission_classes = [IsAuthenticated, IsAListHomePro]
    parser_classes = UPLOAD_PARSERS
    serializer_class = s.PortfolioItemSerializer
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return selectors.portfolio_item_list(user=None).none()
        return selectors.portfolio_item_list(user=self.request.user)

    @extend_schema(request=s.PortfolioItemWriteSerializer, responses={201: s.PortfolioItemSerializer})
    def post(self, request):
        serializer = s.PortfolioItemWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.portfolio_item_create(user=request.user, **serializer.validated_data)
        return created(s.PortfolioItemSerializer(item, context={"request": request}).data)


@extend_schema(tags=["alistpros"])
class ReviewCreateView(GenericAPIView):
    """A client's review of a pro: one per client and pro (a second is a 409). `is_verified` when the client
    has a completed payment to, or a completed appointment with, this pro."""

    permission_classes = [IsAuthenticated, IsClient]
    serializer_class = s.ReviewWriteSerializer
    extra_error_responses = {"409": "This client has already reviewed this pro"}

    @extend_schema(request=s.ReviewWriteSerializer, responses={201: s.ReviewSerializer})
    def post(self, request, alistpro_id: int):
        serializer = s.ReviewWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        review = services.review_create(client=request.user, profile_id=alistpro_id, **serializer.validated_data)
        return created(s.ReviewSerializer(review, context={"request": request}).data)
