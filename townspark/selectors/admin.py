"""Admin reads: user and resolver lists with their stats blocks, the admin dashboard figures."""

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, DurationField, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from townspark.models import AccountStatus, Issue, IssueTimeline, VerificationStatus
from townspark.selectors.formatting import format_duration
from townspark.selectors.reference import avg_resolution_time
from townspark.selectors.resolvers import RESPONSE_TIME

User = get_user_model()
REALM = "townspark"

ACTIVE = Q(townspark_profile__isnull=True) | Q(townspark_profile__status=AccountStatus.ACTIVE)
STATUS_FILTERS = {
    "active": ACTIVE,
    "suspended": Q(townspark_profile__status=AccountStatus.SUSPENDED),
    "banned": Q(townspark_profile__status=AccountStatus.BANNED),
    "inactive": Q(townspark_profile__status__in=[AccountStatus.SUSPENDED, AccountStatus.BANNED]),
}
USER_SORTS = {
    "newest": ("-date_joined",),
    "oldest": ("date_joined",),
    "name": ("name", "email"),
    "-name": ("-name", "-email"),
    "most_issues": ("-issues_count", "-date_joined"),
}


def _count_of(queryset, field: str):
    """A correlated COUNT subquery: one number per outer row without joining (no row multiplication)."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def realm_users() -> QuerySet:
    return User.objects.filter(realm=REALM)


def users_search(queryset: QuerySet, term: str) -> QuerySet:
    term = (term or "").strip()
    if not term:
        return queryset
    return queryset.filter(Q(name__icontains=term) | Q(email__icontains=term) | Q(username__icontains=term))


def admin_users(*, search: str = "", status: str = "", role: str = "", sort: str = "") -> QuerySet:
    queryset = (
        realm_users()
        .select_related("townspark_profile")
        .annotate(issues_count=_count_of(Issue.objects.all(), "reporter"))
    )
    if role:
        queryset = queryset.filter(role=role)
    if status:
        queryset = queryset.filter(STATUS_FILTERS[status])
    return users_search(queryset, search).order_by(*USER_SORTS.get(sort or "newest"), "pk")


def admin_user_stats(*, role: str = "") -> dict:
    base = realm_users().filter(role=role) if role else realm_users()
    return base.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=ACTIVE),
        suspended=Count("pk", filter=STATUS_FILTERS["suspended"]),
        banned=Count("pk", filter=STATUS_FILTERS["banned"]),
    )


def admin_user_get(*, pk) -> User:
    """`pk` is the account's public id."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        User.objects.by_public_id(REALM, pk)
        .select_related("townspark_profile")
        .annotate(issues_count=_count_of(Issue.objects.all(), "reporter")),
    )


RESOLVER_STATUS = {"verified", "pending", "rejected"}
# A resolver account without a profile (made by `create_account`) awaits verification like a fresh sign-up.
PENDING_RESOLVER = Q(resolver_profile__verification_status=VerificationStatus.PENDING) | Q(
    resolver_profile__isnull=True
)


def admin_resolvers(*, search: str = "", status: str = "", department: str = "") -> QuerySet:
    """Resolvers with their profile and performance (resolved count, mean response time) in fixed queries."""
    avg_response = (
        Issue.objects.filter(assigned_resolver=OuterRef("pk"), first_response_at__isnull=False)
        .order_by()
        .values("assigned_resolver")
        .annotate(value=Avg(RESPONSE_TIME))
        .values("value")
    )
    queryset = (
        realm_users()
        .filter(role="resolver")
        .select_related("resolver_profile__department", "townspark_profile")
        .annotate(
            resolved_count=_count_of(Issue.objects.filter(status=Issue.Status.RESOLVED), "assigned_resolver"),
            avg_response=Subquery(avg_response, output_field=DurationField()),
        )
    )
    if status == VerificationStatus.PENDING:
        queryset = queryset.filter(PENDING_RESOLVER)
    elif status:
        queryset = queryset.filter(resolver_profile__verification_status=status)
    if department:
        queryset = queryset.filter(resolver_profile__department_id=department)
    return users_search(queryset, search).order_by("-date_joined", "pk")


def admin_resolver_stats() -> dict:
    return (
        realm_users()
        .filter(role="resolver")
        .aggregate(
            total=Count("pk"),
            verified=Count("pk", filter=Q(resolver_profile__verification_status=VerificationStatus.VERIFIED)),
            pending=Count("pk", filter=PENDING_RESOLVER),
            rejected=Count("pk", filter=Q(resolver_profile__verification_status=VerificationStatus.REJECTED)),
        )
    )


def admin_resolver_get(*, pk) -> User:
    """`pk` is the account's public id."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(admin_resolvers().by_public_id(REALM, pk))


def admin_resolver_id_document(*, pk):
    """The stored ID document of a resolver (a FieldFile in private storage); 404 when there is none."""
    from django.http import Http404

    from townspark.models import ResolverProfile

    resolver = admin_resolver_get(pk=pk)
    profile = ResolverProfile.objects.filter(user=resolver).first()
    document = profile.id_document if profile is not None else None
    if not document or not document.storage.exists(document.name):
        raise Http404("This resolver has no ID document.")
    return document


def admin_dashboard_stats() -> dict:
    users = realm_users().aggregate(
        total_users=Count("pk"),
        active_resolvers=Count(
            "pk",
            filter=Q(role="resolver", resolver_profile__verification_status=VerificationStatus.VERIFIED) & ACTIVE,
        ),
        pending_verification=Count("pk", filter=Q(role="resolver") & PENDING_RESOLVER),
    )
    issues = Issue.objects.aggregate(
        total_issues=Count("pk"), resolved_issues=Count("pk", filter=Q(status=Issue.Status.RESOLVED))
    )
    return {
        "total_users": users["total_users"],
        "active_resolvers": users["active_resolvers"],
        "total_issues": issues["total_issues"],
        "resolved_issues": issues["resolved_issues"],
        "pending_verification": users["pending_verification"],
        "avg_resolution_time": format_duration(avg_resolution_time(Issue.objects.all())),
    }


def recent_activity(*, limit: int = 10) -> list[IssueTimeline]:
    return list(IssueTimeline.objects.select_related("issue", "updated_by").order_by("-created_at", "-id")[:limit])
