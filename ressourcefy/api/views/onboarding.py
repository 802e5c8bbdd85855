"""onboarding/ endpoints: the status and the four steps; every answer refreshes the `onboarding_step` cookie."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from core.api.responses import ok
from ressourcefy.api.permissions import IsActivated, onboarding_step_of
from ressourcefy.api.serializers import accounts as s
from ressourcefy.authentication import set_state_cookies
from ressourcefy.services import onboarding as services


class OnboardingView(APIView):
    permission_classes = [IsAuthenticated, IsActivated]

    def step_response(self, request):
        response = ok({"onboarding_step": onboarding_step_of(request.user)})
        set_state_cookies(request, response, request.user)
        return response


@extend_schema(tags=["onboarding"])
class OnboardingStatusView(OnboardingView):
    """The caller's onboarding step, as the server decides it."""

    @extend_schema(responses={200: s.OnboardingStepSerializer})
    def get(self, request):
        return self.step_response(request)


@extend_schema(tags=["onboarding"])
class OnboardingStartView(OnboardingView):
    """not_started -> profile."""

    extra_error_responses = {"400": "invalid_action: not the current step"}

    @extend_schema(request=None, responses={200: s.OnboardingStepSerializer})
    def post(self, request):
        services.onboarding_start(user=request.user)
        return self.step_response(request)


@extend_schema(tags=["onboarding"])
class OnboardingProfileView(OnboardingView):
    """profile -> interests: username (unique), bio (up to 500) and/or avatar_url."""

    @extend_schema(request=s.OnboardingProfileSerializer, responses={200: s.OnboardingStepSerializer})
    def post(self, request):
        serializer = s.OnboardingProfileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.onboarding_profile_submit(user=request.user, **serializer.validated_data)
        return self.step_response(request)


@extend_schema(tags=["onboarding"])
class OnboardingInterestsView(OnboardingView):
    """interests -> completed: 1 to 10 existing tag ids."""

    @extend_schema(request=s.OnboardingInterestsSerializer, responses={200: s.OnboardingStepSerializer})
    def post(self, request):
        serializer = s.OnboardingInterestsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.onboarding_interests_submit(user=request.user, tags=serializer.validated_data["tag_ids"])
        return self.step_response(request)


@extend_schema(tags=["onboarding"])
class OnboardingCompleteView(OnboardingView):
    """Confirms a completed onboarding (idempotent); 400 `invalid_action` before the interests step is done."""

    extra_error_responses = {"400": "invalid_action: onboarding not finished"}

    @extend_schema(request=None, responses={200: s.OnboardingStepSerializer})
    def post(self, request):
        services.onboarding_complete(user=request.user)
        return self.step_response(request)
