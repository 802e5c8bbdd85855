"""The last SUPERADMIN under concurrency (PostgreSQL): two SUPERADMINs removing each other at once."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from core.accounts.tokens import token_pair_for_user
from core.testing.races import run_together
from ressourcefy.exceptions import LastSuperadmin
from ressourcefy.services.admin_users import user_role_set, user_soft_delete
from ressourcefy.tests.conftest import API

User = get_user_model()


def call(actor, method: str, target, action: str = "", body=None):
    token = token_pair_for_user(actor).access
    url = f"{API}admin/users/{target.uuid}/" + (f"{action}/" if action else "")

    def run():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return getattr(client, method)(url, body, format="json")

    return run


@pytest.fixture
def two_superadmins(rfy_account):
    return rfy_account("SUPERADMIN", "sue"), rfy_account("SUPERADMIN", "sam")


def superadmins_left() -> int:
    return User.objects.filter(realm="ressourcefy", role="SUPERADMIN", is_active=True).count()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_superadmins_demoting_each_other_leave_one(two_superadmins):
    sue, sam = two_superadmins
    body = {"role": "ADMIN"}
    responses = run_together([call(sue, "post", sam, "set_role", body), call(sam, "post", sue, "set_role", body)])
    # The loser is refused in the service (400) or, when it authenticates after the winner committed, is no
    # SUPERADMIN any more (403). Never both demoted.
    statuses = sorted(r.status_code for r in responses)
    assert statuses in ([200, 400], [200, 403])
    loser = next(r for r in responses if r.status_code != 200)
    assert loser.json()["error"]["code"] in ("last_superadmin", "permission_denied")
    assert superadmins_left() == 1


def outcome(call_service):
    def run():
        try:
            call_service()
        except LastSuperadmin:
            return "last_superadmin"
        return "done"

    return run


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rounds", range(3))
def test_the_service_lets_exactly_one_of_two_demotions_through(two_superadmins, rounds):
    """Both callers already past authentication: the row locks alone decide."""
    sue, sam = two_superadmins
    results = run_together(
        [
            outcome(lambda: user_role_set(actor=sue, user=sam, role="ADMIN")),
            outcome(lambda: user_role_set(actor=sam, user=sue, role="USER")),
        ]
    )
    assert sorted(results) == ["done", "last_superadmin"]
    assert superadmins_left() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_service_lets_exactly_one_of_two_deletions_through(two_superadmins):
    sue, sam = two_superadmins
    results = run_together(
        [outcome(lambda: user_soft_delete(actor=sue, user=sam)), outcome(lambda: user_soft_delete(actor=sam, user=sue))]
    )
    assert sorted(results) == ["done", "last_superadmin"]
    assert superadmins_left() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_superadmins_deleting_each_other_leave_one(two_superadmins):
    sue, sam = two_superadmins
    responses = run_together([call(sue, "delete", sam), call(sam, "delete", sue)])
    # 401 when the loser authenticates after the winner deactivated it.
    assert sorted(r.status_code for r in responses) in ([204, 400], [204, 401])
    assert superadmins_left() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_demotion_and_a_deletion_at_once_leave_one(two_superadmins):
    sue, sam = two_superadmins
    responses = run_together([call(sue, "post", sam, "set_role", {"role": "USER"}), call(sam, "delete", sue)])
    assert sorted(r.status_code for r in responses) in ([200, 400], [204, 400], [200, 403], [204, 401])
    assert superadmins_left() == 1
