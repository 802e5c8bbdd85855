"""admin/dashboard/: the overview from database aggregates, the audit-trail feed and system health."""

from datetime import timedelta

import auditlog
import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ressourcefy.models import (
    OutboxEvent,
    Payment,
    PaymentStatus,
    Resource,
    Subscription,
    SubscriptionStatus,
    Visibility,
)
from ressourcefy.selectors.admin_dashboard import dashboard_overview
from ressourcefy.selectors.audit import activity_id
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db

OVERVIEW, ACTIVITY, HEALTH = (API + f"admin/dashboard/{name}/" for name in ("overview", "activity", "system-health"))


def pay(user, cents, *, status=PaymentStatus.COMPLETED, refunded=0, days_ago=0, reference=""):
    payment = Payment.objects.create(
        user=user,
        amount_cents=cents,
        amount_refunded_cents=refunded,
        status=status,
        provider_reference=reference or f"pi_{user.pk}_{cents}_{days_ago}_{status}",
    )
    Payment.objects.filter(pk=payment.pk).update(created_at=timezone.now() - timedelta(days=days_ago))


def test_overview_counts_users_resources_subscriptions_and_revenue(
    client_for, admin, superadmin, reader, contributor, moderator, make_account
):
    inactive = make_account("ressourcefy", email="late@example.com", role="USER")
    inactive.is_verified = False
    inactive.save(update_fields=["is_verified"])
    make_account("townspark", email="other@example.com")  # another product's account is not counted
    for visibility, price in (("public", None), ("public", None), ("premium", 900), ("private", None)):
        Resource.objects.create(author=contributor, title=visibility, visibility=visibility, price_cents=price)
    Resource.objects.create(author=contributor, title="gone", visibility="public", deleted_at=timezone.now())
    Subscription.objects.create(user=reader, status=SubscriptionStatus.ACTIVE, plan="premium")
    Subscription.objects.create(user=contributor, status=SubscriptionStatus.TRIALING, plan="team")
    Subscription.objects.create(user=moderator, status=SubscriptionStatus.CANCELED, plan="premium")
    pay(reader, 1000, days_ago=1)
    pay(reader, 2000, days_ago=10, refunded=500)
    pay(contributor, 3000, days_ago=100, status=PaymentStatus.REFUNDED, refunded=3000)
    pay(contributor, 4000, days_ago=40)
    pay(moderator, 7777, status=PaymentStatus.FAILED)
    pay(moderator, 8888, status=PaymentStatus.PENDING)

    response = client_for(admin).get(OVERVIEW)
    assert response.status_code == 200, response.content
    assert response.json()["data"] == {
        "total_users": 6,
        "active_users": 5,
        "users_by_role": {"USER": 2, "CONTRIBUTOR": 1, "MODERATOR": 1, "ADMIN": 1, "SUPERADMIN": 1},
        "total_resources": 4,
        "public_resources": 2,
        "premium_resources": 1,
        "resources_by_visibility": {"public": 2, "premium": 1, "private": 1},
        "total_subscriptions": 3,
        "active_subscriptions": 2,
        "active_premium_subscriptions": 1,
        "total_revenue_usd": 65.0,
        "revenue_cents": {"all_time": 6500, "last_7_days": 1000, "last_30_days": 2500},
    }


def test_overview_is_four_aggregate_queries(django_assert_num_queries, reader, contributor):
    Resource.objects.create(author=contributor, title="x", visibility=Visibility.PUBLIC)
    pay(reader, 100)
    with django_assert_num_queries(4):
        dashboard_overview()


def log_entry(*, actor, target, action=1, timestamp=None, **fields):
    """An audit-trail entry as django-auditlog writes it (the users area wires the recording)."""
    entry = auditlog.get_logentry_model().objects.create(
        actor=actor,
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
        object_repr=str(target)[:200],
        action=action,
        **fields,
    )
    if timestamp is not None:
        type(entry).objects.filter(pk=entry.pk).update(timestamp=timestamp)
    return entry


def test_activity_lists_the_newest_ressourcefy_entries(client_for, admin, reader, contributor):
    resource = Resource.objects.create(author=contributor, title="Guide", visibility="public")
    payment = Payment.objects.create(user=reader, amount_cents=100, provider_reference="pi_activity0001")
    later = timezone.now() + timedelta(minutes=1)  # after what saving the rows above recorded
    older = log_entry(actor=contributor, target=resource, action=0, timestamp=later)
    newer = log_entry(
        actor=admin,
        target=payment,
        timestamp=later + timedelta(minutes=1),
        additional_data={"action": "payment.refund", "description": "Refund of 100 usd cents asked of Stripe"},
    )
    unrelated = ContentType.objects.get_for_model(ContentType)
    auditlog.get_logentry_model().objects.create(content_type=unrelated, object_pk="1", object_repr="x", action=1)

    response = client_for(admin).get(ACTIVITY)
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    ours = auditlog.get_logentry_model().objects.exclude(content_type=unrelated).count()
    assert data["count"] == len(data["activities"]) == ours  # everything but the unrelated entry
    first, second = data["activities"][:2]
    assert first == {
        "id": str(activity_id(newer.pk)),
        "timestamp": first["timestamp"],
        "actor_email": admin.email,
        "impersonator_email": None,
        "action": "payment.refund",
        "entity_name": "Payment",
        "object_id": str(payment.pk),
        "description": "Refund of 100 usd cents asked of Stripe",
    }
    assert (second["id"], second["action"], second["entity_name"]) == (str(activity_id(older.pk)), "CREATE", "Resource")
    assert second["description"] == f"{contributor.email} CREATE Resource {resource.pk}"
    limited = client_for(admin).get(ACTIVITY, {"limit": 1}).json()["data"]
    assert [a["id"] for a in limited["activities"]] == [str(activity_id(newer.pk))] and limited["count"] == 1
    for bad in ("0", "101", "many"):
        assert_error(client_for(admin).get(ACTIVITY, {"limit": bad}), 400, "validation_error")


def test_activity_is_one_query_whatever_the_limit(client_for, admin, contributor, django_assert_num_queries):
    resource = Resource.objects.create(author=contributor, title="Guide", visibility="public")
    for _ in range(30):
        log_entry(actor=contributor, target=resource)
    from ressourcefy.selectors.admin_dashboard import dashboard_activity

    for limit in (2, 30):
        with django_assert_num_queries(1):
            assert len(dashboard_activity(limit=limit)) == limit


def test_system_health_reports_each_dependency_and_the_outbox(client_for, admin, settings):
    settings.STRIPE = {**settings.STRIPE, "SECRET_KEYS": {**settings.STRIPE["SECRET_KEYS"], "ressourcefy": ""}}
    published_at = (timezone.now() - timedelta(minutes=2)).replace(microsecond=0)
    OutboxEvent.objects.create(event_type="a", aggregate_type="t", aggregate_id="1", published_at=published_at)
    OutboxEvent.objects.create(event_type="b", aggregate_type="t", aggregate_id="2")
    OutboxEvent.objects.create(event_type="c", aggregate_type="t", aggregate_id="3", attempts=2, last_error="boom")
    response = client_for(admin).get(HEALTH)
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["db_status"] == "ok" and data["cache_status"] == "ok"
    assert data["celery_status"] == ("eager" if settings.CELERY_TASK_ALWAYS_EAGER else "ok")
    assert (data["outbox_pending_events"], data["outbox_failed_events"]) == (2, 1)
    assert data["last_outbox_processed_at"] == published_at.isoformat().replace("+00:00", "Z")
    assert data["outbox_keeping_up"] is True and data["stripe_configured"] is False


def test_system_health_sees_a_lagging_outbox_and_stripe(client_for, admin, settings):
    settings.STRIPE = {**settings.STRIPE, "SECRET_KEYS": {**settings.STRIPE["SECRET_KEYS"], "ressourcefy": "sk_x"}}
    event = OutboxEvent.objects.create(event_type="a", aggregate_type="t", aggregate_id="1")
    OutboxEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(hours=1))
    data = client_for(admin).get(HEALTH).json()["data"]
    assert data["outbox_keeping_up"] is False and data["stripe_configured"] is True
    assert data["last_outbox_processed_at"] is None
