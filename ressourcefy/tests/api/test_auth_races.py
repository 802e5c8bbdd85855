"""Accounts under concurrency (PostgreSQL): one account per e-mail, one activation, one pending role request."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from core.testing.races import run_together, statuses_together
from ressourcefy.models import OutboxEvent, Profile, RoleRequest
from ressourcefy.services.accounts import activation_token_make
from ressourcefy.tests.conftest import API

User = get_user_model()


def register_call(username: str):
    body = {"email": "race@example.com", "password": "SecurePassword123!", "username": username, "accepted_terms": True}
    return lambda: APIClient().post(API + "auth/register/", body, format="json")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_registrations_with_one_email_make_one_account():
    responses = run_together([register_call("racer_one"), register_call("racer_two")])
    assert sorted(r.status_code for r in responses) == [201, 422]
    loser = next(r for r in responses if r.status_code == 422)
    assert loser.json()["error"]["code"] == "email_already_used"
    assert User.objects.filter(realm="ressourcefy", email="race@example.com").count() == 1
    assert Profile.objects.count() == 1
    assert OutboxEvent.objects.filter(event_type="user.registered").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_activations_activate_once(make_account):
    user = make_account("ressourcefy", email="twice@example.com", verified=False)
    token = activation_token_make(user)
    calls = [lambda: APIClient().post(API + "auth/activate/", {"token": token}, format="json") for _ in range(4)]
    responses = run_together(calls)
    assert [r.status_code for r in responses] == [200] * 4
    messages = sorted(r.json()["data"]["message"] for r in responses)
    assert messages == ["Account activated successfully. You can now log in."] + ["Account already activated"] * 3
    assert OutboxEvent.objects.filter(event_type="user.activated").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_role_requests_leave_one_pending(rfy_account, client_for):
    user = rfy_account("USER", "hasty")
    Profile.objects.filter(user=user).update(bio="Bio")
    clients = [client_for(user) for _ in range(4)]
    calls = [
        lambda c=c: c.post(API + "user/request-role/", {"requested_role": "CONTRIBUTOR"}, format="json")
        for c in clients
    ]
    assert statuses_together(calls) == [201, 400, 400, 400]
    assert RoleRequest.objects.filter(user=user).count() == 1
