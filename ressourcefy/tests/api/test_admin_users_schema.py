"""schemathesis over the admin users area (admin/users/, admin/role-requests/) with an ADMIN token: no 5xx,
answers as documented."""

import pytest

from core.accounts.tokens import token_pair_for_user
from core.testing.schemathesis import check_schema_conformance
from ressourcefy.models import RoleRequest

pytestmark = pytest.mark.django_db

SCHEMA = "/ressourcefy/api/schema/"


@pytest.fixture
def world(reader, contributor, moderator, superadmin):
    """Accounts of every role and a pending role request for generated requests to find."""
    RoleRequest.objects.create(user=reader, requested_role="CONTRIBUTOR", reason="I write")


def test_no_server_errors_and_responses_match_the_schema(world, admin):
    check_schema_conformance(
        SCHEMA,
        token=token_pair_for_user(admin).access,
        positive=15,
        negative=8,
        min_operations=10,
        path_regex=r"/admin/(users|role-requests)/",
    )
