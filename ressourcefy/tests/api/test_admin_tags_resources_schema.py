"""schemathesis over the admin tags and resources operations with an ADMIN token: no 5xx, answers as documented."""

import pytest
from django.db import transaction

from core.accounts.tokens import token_pair_for_user
from core.testing.schemathesis import check_schema_conformance
from ressourcefy.services.resources import resource_create
from ressourcefy.tests.api.admin_helpers import audit_calls  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

SCHEMA = "/ressourcefy/api/schema/"


@pytest.fixture
def world(contributor, tags):
    with transaction.atomic():
        for visibility, price in (("public", None), ("premium", 900), ("private", None)):
            resource_create(
                author=contributor,
                title=f"A {visibility} guide",
                description="About it.",
                visibility=visibility,
                price_cents=price,
                tag_ids=[tags[0].pk],
                file_url="https://cdn.example.com/guide.pdf",
            )


def test_no_server_errors_and_responses_match_the_schema(world, admin, audit_calls):  # noqa: F811
    check_schema_conformance(
        SCHEMA,
        token=token_pair_for_user(admin).access,
        positive=15,
        negative=8,
        min_operations=12,
        path_regex=r"/admin/(tags|resources)/",
    )
