"""Views of the admin users area: accounts (list, detail, update, soft delete, role, activity, impersonation,
password reset) and the decisions on role requests. Thin: validate, call a service or selector, serialize."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from core.api.query_params import validated_query
from core.api.responses import ok
from ressourcefy.api.pagination import PageMixin
from ressourcefy.api.permissions import ADMINS, IsActivated, IsSuperAdmin
from ressourcefy.api.serializers import admin_users as s
from ressourcefy.api.serializers.accounts import MessageSerializer
from ressourcefy.exceptions import InvalidAction
from ressourcefy.models import RoleRequest
from ressourcefy.selectors import admin_users as selectors
from ressourcefy.selectors.audit import activity_row, audit_entries_of_user
from ressourcefy.services import admin_users as services

SUPERADMIN_ONLY = [IsAuthenticated, IsActivated, IsSuperAdmin]
NOT_FOUND = {"404": "No account of Ressourcefy with this id (mutations: or it was soft deleted)."}


class AdminUserMixin:
    extra_error_responses = NOT_FOUND

    def get_user(self, user_id):
        return selectors.admin_user_get(user_id=user_id)


@extend_schema(tags=["admin: users"])
class AdminUserListView(PageMixin, GenericAPIView):
    """`admin/users/`: every account of the realm, filtered, searched, ordered and paged."""

    permission_classes = ADMINS
    serializer_class = s.AdminUserSerializer
    queryset = get_user_model().objects.none()  # for the schema only: the selector makes the real one

    @extend_schema(
        summary="List users",
        operation_id="admin_users_list",
        parameters=[s.AdminUserQuerySerializer],
        responses=s.AdminUserSerializer(many=True),
        description=(
            "ADMINS/SUPERADMIN. Filters `role`, `is_active`, `is_activated`, `onboarding_step`; `deleted=true` "
            "lists only soft-deleted accounts, `include_deleted=true` all (default: not deleted); `search` in "
            "e-mail, username and name; `ordering` by created_at, email, username, role, updated_at (`-` for "
            "descending, default `-created_at`). Pages as every list: `{count, next, previous, results}`."
        ),
    )
    def get(self, request):
        query = validated_query(s.AdminUserQuerySerializer, request)
        filters = dict(query)
        include_deleted = filters.pop("include_deleted")
        if include_deleted:
            filters["deleted"] = None
        return self.page_response(selectors.admin_users(**filters), s.AdminUserSerializer)


@extend_schema(tags=["admin: users"])
class AdminUserView(AdminUserMixin, GenericAPIView):
    """`admin/users/<id>/`: detail with counts (GET), update (PATCH), soft delete (DELETE)."""

    permission_classes = ADMINS
    serializer_class = s.AdminUserDetailSerializer

    @extend_schema(
        summary="Get user details",
        operation_id="admin_users_retrieve",
        responses={200: s.AdminUserDetailSerializer},
        description="The list's fields plus `stats` (live resources, live comments, completed purchases, "
        "active or trialing subscriptions, pending role requests). Soft-deleted accounts are shown too.",
    )
    def get(self, request, user_id):
        user = self.get_user(user_id)
        user.admin_stats = selectors.admin_user_stats(user=user)
        return ok(s.AdminUserDetailSerializer(user).data)

    @extend_schema(
        summary="Update user",
        request=s.AdminUserUpdateSerializer,
        responses={200: s.AdminUserUpdatedSerializer},
        description=(
            "`is_active`, `is_activated`, `username`, `bio`, `avatar_url`. `role` is refused (400 "
            "`invalid_action`: use set_role). Only a SUPERADMIN changes a SUPERADMIN's account; nobody "
            "deactivates themselves or the last active SUPERADMIN (400 `last_superadmin`)."
        ),
    )
    def patch(self, request, user_id):
        body = s.AdminUserUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        changes = dict(body.validated_data)
        if "role" in changes:
            raise InvalidAction("The role cannot be changed here: use set_role")
        user = services.user_admin_update(actor=request.user, user=self.get_user(user_id), changes=changes)
        return ok(s.AdminUserUpdatedSerializer(user).data)

    @extend_schema(
        summary="Delete user",
        request=None,
        responses={204: None},
        description=(
            "Soft delete: the account is deactivated (no login, no refresh: its refresh tokens are revoked) and "
            "marked deleted; its resources, comments and purchases stay attributed to it. Not yourself, not "
            "the last SUPERADMIN (400 `last_superadmin`); only a SUPERADMIN deletes a SUPERADMIN."
        ),
    )
    def delete(self, request, user_id):
        services.user_soft_delete(actor=request.user, user=self.get_user(user_id))
        return Response(status=204)


@extend_schema(tags=["admin: users"])
class AdminUserSetRoleView(AdminUserMixin, GenericAPIView):
    permission_classes = SUPERADMIN_ONLY
    serializer_class = s.SetRoleSerializer

    @extend_schema(
        summary="Change user role",
        request=s.SetRoleSerializer,
        responses={200: s.SetRoleResponseSerializer},
        description=(
            "SUPERADMIN only. An unknown role is 400 `invalid_role`; demoting the last active SUPERADMIN is 400 "
            "`last_superadmin` (also when two demotions run at once). Recorded in the audit trail."
        ),
    )
    def post(self, request, user_id):
        body = s.SetRoleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user, previous = services.user_role_set(
            actor=request.user, user=self.get_user(user_id), role=body.validated_data["role"]
        )
        data = {"user_id": user.uuid, "email": user.email, "role": user.role, "previous_role": previous}
        return ok(s.SetRoleResponseSerializer(data).data)


@extend_schema(tags=["admin: users"])
class AdminUserActivityView(AdminUserMixin, GenericAPIView):
    permission_classes = ADMINS
    serializer_class = s.UserActivitySerializer

    @extend_schema(
        summary="Get user activity history",
        parameters=[OpenApiParameter("limit", int, description="1 to 100, default 50.")],
        responses={200: s.UserActivitySerializer},
        description=(
            "From the audit trail, newest first: what the account did (also what was done with an impersonation "
            "token of it, or by it impersonating someone) and the changes made to the account. `action` is "
            "CREATE, UPDATE or DELETE for model changes, or the admin action's name (`user.set_role`...)."
        ),
    )
    def get(self, request, user_id):
        query = validated_query(s.ActivityLimitSerializer, request)
        user = self.get_user(user_id)
        rows = [activity_row(entry) for entry in audit_entries_of_user(user=user, limit=query["limit"])]
        return ok(s.UserActivitySerializer({"user_id": user.uuid, "activities": rows, "count": len(rows)}).data)


@extend_schema(tags=["admin: users"])
class AdminUserImpersonateView(AdminUserMixin, GenericAPIView):
    permission_classes = SUPERADMIN_ONLY
    serializer_class = s.ImpersonationSerializer

    @extend_schema(
        summary="Impersonate user",
        request=None,
        responses={200: s.ImpersonationSerializer},
        description=(
            "SUPERADMIN only; never another SUPERADMIN nor an inactive account (400 `invalid_action`). The "
            "tokens are the user's and carry `impersonator` (and `impersonator_email`) claims, kept on refresh; "
            "every change made with them is recorded with the user as actor and the impersonator alongside."
        ),
    )
    def post(self, request, user_id):
        user, pair = services.user_impersonate(actor=request.user, user=self.get_user(user_id))
        data = {"access_token": pair.access, "refresh_token": pair.refresh, "user": user}
        return ok(s.ImpersonationSerializer(data).data)


@extend_schema(tags=["admin: users"])
class AdminUserResetPasswordView(AdminUserMixin, GenericAPIView):
    permission_classes = ADMINS
    serializer_class = MessageSerializer

    @extend_schema(
        summary="Reset user password",
        request=None,
        responses={200: MessageSerializer},
        description=(
            "Generates a password, mails it after commit (Celery) and revokes every refresh token of the "
            "account. Only a SUPERADMIN resets a SUPERADMIN's password (400 `invalid_action`)."
        ),
    )
    def post(self, request, user_id):
        user = services.user_password_reset(actor=request.user, user=self.get_user(user_id))
        return ok({"message": f"Password reset email sent to {user.email}"})


# --- role requests (an extension: the document has no admin route for them) --------------------


@extend_schema(tags=["admin: users"])
class AdminRoleRequestListView(PageMixin, GenericAPIView):
    permission_classes = ADMINS
    serializer_class = s.AdminRoleRequestSerializer
    queryset = RoleRequest.objects.none()  # for the schema only

    @extend_schema(
        summary="List role requests",
        operation_id="admin_role_requests_list",
        parameters=[s.RoleRequestQuerySerializer],
        responses=s.AdminRoleRequestSerializer(many=True),
        description="Newest first; `status` = pending, approved or rejected.",
    )
    def get(self, request):
        query = validated_query(s.RoleRequestQuerySerializer, request)
        return self.page_response(selectors.admin_role_requests(**query), s.AdminRoleRequestSerializer)


class AdminRoleRequestDecisionView(GenericAPIView):
    permission_classes = ADMINS
    serializer_class = s.AdminRoleRequestSerializer
    extra_error_responses = {"404": "No such role request."}
    approve = True

    def post(self, request, request_id):
        decided = services.role_request_decide(actor=request.user, role_request_id=request_id, approve=self.approve)
        return ok(s.AdminRoleRequestSerializer(decided).data)


@extend_schema(tags=["admin: users"])
class AdminRoleRequestApproveView(AdminRoleRequestDecisionView):
    @extend_schema(
        summary="Approve a role request",
        request=None,
        responses={200: s.AdminRoleRequestSerializer},
        description="The account gets the requested role. Only a pending request (else 400 `invalid_action`), "
        "and not when the account already holds that role or a higher one.",
    )
    def post(self, request, request_id):
        return super().post(request, request_id)


@extend_schema(tags=["admin: users"])
class AdminRoleRequestRejectView(AdminRoleRequestDecisionView):
    approve = False

    @extend_schema(
        summary="Reject a role request",
        request=None,
        responses={200: s.AdminRoleRequestSerializer},
        description="Only a pending request (else 400 `invalid_action`); the role is unchanged.",
    )
    def post(self, request, request_id):
        return super().post(request, request_id)
