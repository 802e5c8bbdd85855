"""The whole newcomer journey as a browser makes it, on cookies alone (CSRF header included):

register, read the activation mail, activate, log in, onboard, browse the feed, be refused a
premium resource, buy it through Checkout on the local Stripe server, have Stripe's signed
`checkout.session.completed` delivered to the webhook, and read the resource.
"""

import re

import pytest
from rest_framework.test import APIClient

from ressourcefy.models import ResourceVersion
from ressourcefy.tests.api import billing_helpers
from ressourcefy.tests.api.billing_helpers import CANCEL, SUCCESS, make_premium, pay_on_checkout, stripe_events
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db

PASSWORD = "SecurePassword123!"
stripe_key, deliver = billing_helpers.stripe_key, billing_helpers.deliver  # fixtures


def test_a_newcomer_registers_onboards_buys_and_reads(
    stripe_key, local_stripe, deliver, contributor, tags, mailoutbox, django_capture_on_commit_callbacks
):
    resource = make_premium(contributor, title="Django at scale", price_cents=1900)
    resource.tags.add(tags[1])
    ResourceVersion.objects.create(resource=resource, version_number=1, file_url="https://cdn.example/django.pdf")
    browser = APIClient(enforce_csrf_checks=True)

    # Register: the activation mail is sent after commit; logging in before activating is refused.
    body = {"email": "Nora@Example.com", "password": PASSWORD, "username": "nora", "accepted_terms": True}
    with django_capture_on_commit_callbacks(execute=True):
        assert browser.post(API + "auth/register/", body, format="json").status_code == 201
    credentials = {"email": "nora@example.com", "password": PASSWORD}
    assert_error(browser.post(API + "auth/login/", credentials, format="json"), 403, "account_not_activated")
    (mail,) = [m for m in mailoutbox if m.to == ["nora@example.com"]]
    token = re.search(r"token=(\S+)", mail.body).group(1)
    assert browser.post(API + "auth/activate/", {"token": token}, format="json").status_code == 200

    # Log in: the four documented cookies, tokens HttpOnly, the state cookies readable by the frontend.
    login = browser.post(API + "auth/login/", credentials, format="json")
    assert login.status_code == 200, login.content
    cookies = browser.cookies
    assert cookies["access_token"]["httponly"] and cookies["refresh_token"]["httponly"]
    assert not cookies["activated"]["httponly"] and cookies["activated"].value == "true"
    assert {cookies[name]["samesite"] for name in ("access_token", "refresh_token", "activated")} == {"Lax"}
    csrf = {"HTTP_X_CSRFTOKEN": cookies["csrftoken"].value}

    # The feed is open before onboarding; buying is not.
    assert_error(browser.post(API + "billing/checkout/", {}, format="json", **csrf), 403, "onboarding_incomplete")
    assert browser.post(API + "onboarding/start/", **csrf).status_code == 200
    profile = {"username": "nora", "bio": "Learning Django"}
    assert browser.post(API + "onboarding/profile/", profile, format="json", **csrf).status_code == 200
    interests = {"tag_ids": [str(tags[1].pk)]}
    assert browser.post(API + "onboarding/interests/", interests, format="json", **csrf).status_code == 200
    assert browser.cookies["onboarding_step"].value == "completed"

    feed = browser.get(API + "feed/", {"tag": tags[1].slug})
    assert [row["id"] for row in feed.json()["data"]["results"]] == [str(resource.pk)]
    assert_error(browser.post(API + f"resources/{resource.pk}/", **csrf), 403, "premium_required")

    # Checkout: pay on the hosted page, then Stripe's signed event reaches the webhook.
    checkout = browser.post(
        API + "billing/checkout/",
        {"resource_id": str(resource.pk), "success_url": SUCCESS, "cancel_url": CANCEL},
        format="json",
        **csrf,
    )
    assert checkout.status_code == 201, checkout.content
    session = checkout.json()["data"]
    assert pay_on_checkout(session["url"]) == 303
    (completed,) = stripe_events(local_stripe, stripe_key, "checkout.session.completed", id=session["sessionId"])
    assert deliver(completed).status_code == 200

    access = browser.post(API + f"resources/{resource.pk}/", **csrf)
    assert access.status_code == 200, access.content
    assert access.json()["data"]["access_granted"] is True
    assert access.json()["data"]["latest_version"]["file_url"] == "https://cdn.example/django.pdf"
