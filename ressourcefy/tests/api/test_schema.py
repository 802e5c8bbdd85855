"""schemathesis over Ressourcefy's whole schema with a USER token: no 5xx, and every answer as documented."""

import pytest
from django.db import transaction

from core.accounts.tokens import token_pair_for_user
from core.testing.schemathesis import check_schema_conformance
from ressourcefy.services.comments import comment_create
from ressourcefy.services.resources import resource_create

pytestmark = pytest.mark.django_db

SCHEMA = "/ressourcefy/api/schema/"


@pytest.fixture
def stripe_key(settings, local_stripe):
    """The webhook on the local Stripe server: unconfigured it answers 503, which schemathesis counts as a 5xx."""
    local_stripe.configure(settings, "ressourcefy", webhook_secret="whsec_schema")


@pytest.fixture
def world(contributor, reader, tags, stripe_key):
    """Something for generated requests to find: resources of each visibility, with versions and comments."""
    with transaction.atomic():
        for visibility, price in (("public", None), ("premium", 900), ("private", None)):
            resource = resource_create(
                author=contributor,
                title=f"A {visibility} guide",
                description="About it.",
                visibility=visibility,
                price_cents=price,
                tag_ids=[tags[0].pk],
                file_url="https://cdn.example.com/guide.pdf",
            )
            comment_create(author=reader, resource=resource, body="Nice.")


def test_no_server_errors_and_responses_match_the_schema(world, reader):
    check_schema_conformance(
        SCHEMA, token=token_pair_for_user(reader).access, positive=15, negative=8, min_operations=34
    )
