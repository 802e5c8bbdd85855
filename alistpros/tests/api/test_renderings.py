"""Shapes rendered by hand for hot lists equal what their declared serializer fields render."""

from datetime import date

import pytest
from django.test import RequestFactory

from alistpros.api.serializers.pros import ProProfileSerializer
from alistpros.models import PortfolioItem, Review
from alistpros.selectors.pros import pro_profile_list
from core.testing.renderings import assert_rendered_as_declared

pytestmark = pytest.mark.django_db


def test_pro_profiles(pro_profile, other_pro_profile, client_user, other_client):
    pro_profile.profile_image = "alistpros/profiles/pat.png"
    pro_profile.save()
    PortfolioItem.objects.create(
        profile=pro_profile, title="Bathroom", image="alistpros/portfolio/a.png", completion_date=date(2025, 3, 1)
    )
    PortfolioItem.objects.create(profile=pro_profile, title="Sketch only")  # no image, no date
    Review.objects.create(profile=pro_profile, client=client_user, rating=5, comment="Great", is_verified=True)
    Review.objects.create(profile=pro_profile, client=other_client, rating=4)
    for context in ({"request": RequestFactory().get("/alistpros/api/alistpros/profiles/")}, {}):
        profiles = list(pro_profile_list())
        assert len(profiles) == 2
        for profile in profiles:
            serializer = ProProfileSerializer(context=context)
            assert_rendered_as_declared(serializer, profile)
    shown = ProProfileSerializer(pro_profile_list().get(pk=pro_profile.pk), context={}).data
    assert len(shown["reviews"]) == 2
    assert sorted(item["image"] is None for item in shown["portfolio_items"]) == [False, True]
    assert shown["profile_image"].endswith("pat.png") and shown["service_categories"][0]["name"] == "Plumbing"
