"""Admin dashboard reads: the overview (one aggregate query per area), the audit-trail feed, system health."""

from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone

from core.health import checks
from core.payments import gateway
from ressourcefy.models import (
    OutboxEvent,
    Payment,
    PaymentStatus,
    Resource,
    Subscription,
    SubscriptionStatus,
    Visibility,
)
from ressourcefy.models.roles import ROLES
from ressourcefy.selectors.audit import activity_row, audit_entries_recent
from ressourcefy.selectors.outbox import outbox_lag_acceptable
from ressourcefy.services.billing import PREMIUM_PLAN, PRODUCT

# Revenue windows: the document names only the total; the last 7 and 30 days are what a dashboard compares.
REVENUE_WINDOWS = {"last_7_days": timedelta(days=7), "last_30_days": timedelta(days=30)}
ACCESS_STATUSES = (SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIALING)
EARNING_STATUSES = (PaymentStatus.COMPLETED, PaymentStatus.REFUNDED)


def _users_overview() -> dict:
    users = get_user_model().objects.filter(realm=PRODUCT)
    counts = users.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(is_active=True, is_verified=True)),
        **{role: Count("pk", filter=Q(role=role)) for role in ROLES},
    )
    return {
        "total_users": counts["total"],
        "active_users": counts["active"],
        "users_by_role": {role: counts[role] for role in ROLES},
    }


def _resources_overview() -> dict:
    visibilities = [choice for choice, _ in Visibility.choices]
    counts = Resource.objects.filter(deleted_at__isnull=True).aggregate(
        total=Count("pk"), **{v: Count("pk", filter=Q(visibility=v)) for v in visibilities}
    )
    return {
        "total_resources": counts["total"],
        "public_resources": counts[Visibility.PUBLIC],
        "premium_resources": counts[Visibility.PREMIUM],
        "resources_by_visibility": {v: counts[v] for v in visibilities},
    }


def _subscriptions_overview() -> dict:
    counts = Subscription.objects.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status__in=ACCESS_STATUSES)),
        active_premium=Count("pk", filter=Q(status__in=ACCESS_STATUSES, plan=PREMIUM_PLAN)),
    )
    return {
        "total_subscriptions": counts["total"],
        "active_subscriptions": counts["active"],
        "active_premium_subscriptions": counts["active_premium"],
    }


def _revenue_overview(now) -> dict:
    """Net revenue (paid less refunded) in US cents, all time and per window, in one query."""
    net = F("amount_cents") - F("amount_refunded_cents")
    earned = Q(status__in=EARNING_STATUSES, currency="usd")
    sums = Payment.objects.aggregate(
        all_time=Sum(net, filter=earned, default=0),
        **{
            name: Sum(net, filter=earned & Q(created_at__gte=now - span), default=0)
            for name, span in REVENUE_WINDOWS.items()
        },
    )
    return {
        "total_revenue_usd": round(sums["all_time"] / 100, 2),
        "revenue_cents": {"all_time": sums["all_time"], **{name: sums[name] for name in REVENUE_WINDOWS}},
    }


def dashboard_overview() -> dict:
    """The document's totals plus users by role, resources by visibility and revenue windows: four queries."""
    return {
        **_users_overview(),
        **_resources_overview(),
        **_subscriptions_overview(),
        **_revenue_overview(timezone.now()),
    }


# --- activity --------------------------------------------------------------------------------

def dashboard_activity(*, limit: int) -> list[dict]:
    """The newest audit-trail entries of Ressourcefy, as the same activity rows as a user's activity (one query)."""
    return [activity_row(entry) for entry in audit_entries_recent(limit=limit)]


# --- system health ---------------------------------------------------------------------------


def celery_status() -> str:
    """`eager` (tasks run in the request: no broker), `ok` (the broker answers) or `unavailable`."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        with current_app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # any broker failure is a health answer, never a 500
        return "unavailable"
    return "ok"


def system_health() -> dict:
    """The document's database and outbox figures, plus cache, Celery, outbox lag and Stripe configuration."""
    database = checks.check_database()
    outbox = {"pending": 0, "failed": 0, "last": None}
    if database.healthy:
        outbox = OutboxEvent.objects.aggregate(
            pending=Count("pk", filter=Q(published_at__isnull=True)),
            failed=Count("pk", filter=Q(published_at__isnull=True, attempts__gt=0) & ~Q(last_error="")),
            last=Max("published_at"),
        )
    return {
        "db_status": "ok" if database.healthy else "unavailable",
        "cache_status": "ok" if checks.check_cache().healthy else "unavailable",
        "celery_status": celery_status(),
        "outbox_pending_events": outbox["pending"],
        "outbox_failed_events": outbox["failed"],
        "last_outbox_processed_at": outbox["last"],
        "outbox_keeping_up": database.healthy and outbox_lag_acceptable(),
        "stripe_configured": gateway.payments_enabled(PRODUCT),
    }
