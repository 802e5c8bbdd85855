"""Pros area under concurrency (PostgreSQL): one profile per pro, one review per client and pro, figures = rows."""


import pytest
from django.db.models import Count, Sum

from alistpros.models import ProProfile, Review
from alistpros.tests.conftest import API
from core.testing.races import statuses_together

PROFILES = API + "alistpros/profiles/"

# These races need no service category: a transactional test starts with the seeded ones flushed.




def assert_figures_match_rows(profile):
    profile.refresh_from_db()
    rows = Review.objects.filter(profile=profile).aggregate(count=Count("id"), total=Sum("rating"))
    assert (profile.total_reviews, profile.rating_total) == (rows["count"], rows["total"] or 0)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_by_one_pro_make_one_profile(client_for, pro_user):
    clients = [client_for(pro_user) for _ in range(5)]
    calls = [lambda c=c: c.post(PROFILES + "create/", {"business_name": "Racer"}, format="json") for c in clients]
    assert statuses_together(calls) == [201, 400, 400, 400, 400]
    assert ProProfile.objects.filter(user=pro_user).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reviews_by_one_client_make_one(client_for, client_user, other_pro_profile):
    clients = [client_for(client_user) for _ in range(5)]
    url = f"{PROFILES}{other_pro_profile.pk}/reviews/"
    calls = [lambda c=c, r=r: c.post(url, {"rating": r}, format="json") for r, c in enumerate(clients, start=1)]
    assert statuses_together(calls) == [201, 409, 409, 409, 409]
    assert Review.objects.filter(profile=other_pro_profile, client=client_user).count() == 1
    assert_figures_match_rows(other_pro_profile)
    other_pro_profile.refresh_from_db()
    assert other_pro_profile.total_reviews == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reviews_by_many_clients_all_count(client_for, account, other_pro_profile):
    ratings = [5, 4, 3, 5, 1, 2, 4, 5]
    clients = [client_for(account("client", f"racer{n}")) for n in range(len(ratings))]
    url = f"{PROFILES}{other_pro_profile.pk}/reviews/"
    # Each client sends its review twice at once: one of each pair wins, every winner is counted.
    calls = [lambda c=c, r=r: c.post(url, {"rating": r}, format="json") for c, r in zip(clients, ratings, strict=True)]
    assert statuses_together(calls + calls) == [201] * len(ratings) + [409] * len(ratings)
    assert_figures_match_rows(other_pro_profile)
    other_pro_profile.refresh_from_db()
    assert (other_pro_profile.total_reviews, other_pro_profile.rating_total) == (len(ratings), sum(ratings))
    assert other_pro_profile.average_rating == round(sum(ratings) / len(ratings), 1)
