"""Stripe Connect Express accounts of a product's payees: made once, onboarded by a fresh link, flags kept.

The product's model subclasses `core.payments.models.ConnectedAccount`; these functions do the rest
the same way for every product (A-List pays pros through them, Parking its hosts).
"""

import logging
import secrets

from django.db import transaction
from django.utils import timezone

from core.accounts.adapter import frontend_url
from core.payments import gateway
from core.payments.models import ConnectedAccount

logger = logging.getLogger(__name__)


def connected_account_ensure(product_key: str, model: type[ConnectedAccount], *, user, capabilities: tuple[str, ...]):
    """The user's row with its Stripe account, made once however often (and however concurrently) it is asked."""
    gateway.stripe_client(product_key)  # 503 before anything is written when the product has no key
    # Committed on its own before Stripe is called: a retry after a Stripe timeout finds the same row, so
    # the same idempotency key, so the account Stripe may already have made rather than a second one.
    model.objects.get_or_create(user=user)
    with transaction.atomic():
        # Concurrent calls for one user queue here; the first stores the id, the others find it.
        account = model.objects.select_for_update().get(user=user)
        if not account.stripe_account_id:
            created = gateway.stripe_create(
                product_key,
                "accounts",
                {
                    "type": "express",
                    "email": user.email,
                    "capabilities": {name: {"requested": True} for name in capabilities},
                    "metadata": {"user_id": str(user.pk)},
                },
                idempotency_key=gateway.idempotency_key(account, "connect-account"),
            )
            account.stripe_account_id = created["id"]
            account.save(update_fields=["stripe_account_id", "updated_at"])
    return account


def connected_account_onboarding_link(
    product_key: str, account: ConnectedAccount, *, return_path: str, refresh_path: str
) -> str:
    """A fresh onboarding link; Stripe sends the user back to these paths of the product's frontend."""
    link = gateway.stripe_create(
        product_key,
        "account_links",
        {
            "account": account.stripe_account_id,
            "type": "account_onboarding",
            "refresh_url": frontend_url(product_key, refresh_path),
            "return_url": frontend_url(product_key, return_path),
        },
        # Links are single-use and expire within minutes: each request asks for a new one, on purpose.
        idempotency_key=gateway.idempotency_key(account, f"account-link-{secrets.token_hex(8)}"),
    )
    return link["url"]


def connected_account_dashboard_link(product_key: str, account: ConnectedAccount) -> str:
    """A login link to the account's Express dashboard (single-use, short-lived: a new one each time)."""
    link = gateway.stripe_create(
        product_key,
        "accounts.login_links",
        {},
        account.stripe_account_id,
        idempotency_key=gateway.idempotency_key(account, f"login-link-{secrets.token_hex(8)}"),
    )
    return link["url"]


@transaction.atomic
def connected_account_store(product_key: str, model: type[ConnectedAccount], *, event: dict):
    """Store Stripe's current flags of the event's account, and when onboarding first completed.

    Accounts that are not the product's are logged and ignored before Stripe is asked anything.
    """
    account_id = event["data"]["object"].get("id")
    account = model.objects.select_for_update().filter(stripe_account_id=account_id).first()
    if account is None:
        logger.info("%s for %s, not a %s account: ignored", event["type"], account_id, product_key)
        return None
    stripe_account = gateway.event_object_current(product_key, event)
    account.details_submitted = bool(stripe_account.get("details_submitted"))
    account.charges_enabled = bool(stripe_account.get("charges_enabled"))
    account.payouts_enabled = bool(stripe_account.get("payouts_enabled"))
    if account.onboarding_complete and account.onboarding_completed_at is None:
        account.onboarding_completed_at = timezone.now()
    account.save()
    return account
