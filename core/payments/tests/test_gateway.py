"""The gateway: a client per product from its own key, 503 in the product's format without one."""

import copy
import json
import os
import subprocess
import sys

import pytest

from core.payments import gateway
from core.payments.exceptions import PaymentRequestInvalid, PaymentsUnavailable
from core.tests.test_envelopes import assert_error_shape

PAYING = {"alistpros": "/alistpros/api/", "parking": "/parking/api/v1/", "ressourcefy": "/ressourcefy/api/"}


@pytest.fixture
def stripe_keys(settings):
    def set_keys(**keys):
        stripe = copy.deepcopy(settings.STRIPE)
        stripe["SECRET_KEYS"] = keys
        settings.STRIPE = stripe

    return set_keys


@pytest.mark.django_db
@pytest.mark.parametrize("product", list(PAYING))
def test_without_a_key_payment_endpoints_are_503_in_the_product_format(stripe_keys, make_account, client_for, product):
    stripe_keys()
    client = client_for(make_account(product))
    response = client.post(f"{PAYING[product]}_test/stripe-customer/", {}, format="json")
    assert response.status_code == 503
    assert_error_shape(product, response.json(), 503)
    assert "no Stripe key is configured" in str(response.json())
    # Nothing else in the product depends on the key.
    assert client.get(f"{PAYING[product]}_test/whoami/").status_code == 200


def test_each_product_has_its_own_client(stripe_keys):
    stripe_keys(parking="sk_test_parking", ressourcefy="sk_test_ressourcefy")
    assert gateway.payments_enabled("parking") and not gateway.payments_enabled("alistpros")
    assert gateway.stripe_client("parking") is gateway.stripe_client("parking")
    assert gateway.stripe_client("parking") is not gateway.stripe_client("ressourcefy")
    with pytest.raises(PaymentsUnavailable):
        gateway.stripe_client("alistpros")


def test_keys_and_webhook_secrets_fall_back_to_the_shared_ones():
    """The settings as a new process reads them from its environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "STRIPE_SECRET_KEY": "sk_test_shared",
        "PARKING_STRIPE_SECRET_KEY": "sk_test_parking",
        "STRIPE_WEBHOOK_SECRET": "whsec_shared",
        "RESSOURCEFY_STRIPE_WEBHOOK_SECRET": "whsec_ressourcefy",
    }
    code = "import json; from django.conf import settings; print(json.dumps(settings.STRIPE))"
    out = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", f"import django; django.setup(); {code}"], env=env, capture_output=True, check=True
    )
    stripe = json.loads(out.stdout)
    assert {key: stripe["SECRET_KEYS"][key] for key in PAYING} == {
        "alistpros": "sk_test_shared",
        "parking": "sk_test_parking",
        "ressourcefy": "sk_test_shared",
    }
    assert {key: stripe["WEBHOOK_SECRETS"][key] for key in PAYING} == {
        "alistpros": "whsec_shared",
        "parking": "whsec_shared",
        "ressourcefy": "whsec_ressourcefy",
    }


@pytest.mark.django_db
def test_creates_need_an_idempotency_key_from_a_saved_row(stripe_keys, make_account):
    stripe_keys(parking="sk_test_parking")
    user = make_account("parking")
    assert gateway.idempotency_key(user, "customer") == f"core.user:{user.pk}:customer"
    with pytest.raises(ValueError):
        gateway.stripe_create("parking", "customers", {}, idempotency_key="")
    unsaved = type(user)(realm="parking", email="x@example.com")
    with pytest.raises(ValueError):
        gateway.idempotency_key(unsaved, "customer")


@pytest.mark.parametrize("bad_id", ["E\u00c5\U000323d7S", "pm_1/../customers", "pm 1", ""])
def test_ids_that_stripe_cannot_have_made_are_refused_before_any_request(stripe_keys, bad_id):
    """An id becomes a URL segment: a client's odd text is a 400, never a failed request (a 502)."""
    with pytest.raises(PaymentRequestInvalid):
        gateway.stripe_call("parking", "payment_methods", "retrieve", bad_id)
    with pytest.raises(PaymentRequestInvalid):
        gateway.stripe_create("parking", "accounts.login_links", {}, bad_id, idempotency_key="k")
