"""Lists of the resources area: the feed (filters, order, pages, flat queries), tags, authors, user/resources."""

import uuid

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ressourcefy.models import OnboardingStep, Profile, Resource, ResourceAccess
from ressourcefy.services.resources import resource_create
from ressourcefy.tests.conftest import API, assert_error, make_tag

pytestmark = pytest.mark.django_db

FEED = API + "feed/"
TAGS = API + "tags/"
MINE = API + "user/resources/"


def author_url(user_id) -> str:
    return f"{API}authors/{user_id}/"


def publish(author, title, *, visibility="public", tags=(), description="About things."):
    with transaction.atomic():
        return resource_create(
            author=author,
            title=title,
            description=description,
            visibility=visibility,
            price_cents=500 if visibility == "premium" else None,
            tag_ids=[tag.pk for tag in tags],
        )


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok" and set(body["data"]) == {"count", "next", "previous", "results"}
    return [item["title"] for item in body["data"]["results"]]


def test_feed_lists_public_and_premium_newest_first_for_anyone(api_client, contributor, tags):
    Profile.objects.filter(user=contributor).update(avatar_url="https://cdn.example.com/a.png")
    publish(contributor, "Old", tags=[tags[0]])
    publish(contributor, "Premium", visibility="premium")
    publish(contributor, "Hidden", visibility="private")
    deleted = publish(contributor, "Gone")
    Resource.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    response = api_client.get(FEED)
    assert titles(response) == ["Premium", "Old"]
    item = response.json()["data"]["results"][1]
    assert item == {
        "id": item["id"],
        "title": "Old",
        "author_id": str(contributor.uuid),
        "author_name": "carla",
        "author_avatar": "https://cdn.example.com/a.png",
        "tags": ["python"],
        "stats": {"comment_count": 0},
        "price_cents": None,
        "visibility": "public",
        "created_at": item["created_at"],
    }


def test_feed_filters_by_tag_slug_or_id_and_by_search(api_client, contributor, tags):
    publish(contributor, "Django ORM", tags=[tags[1]])
    publish(contributor, "React hooks", tags=[tags[2]], description="Frontend state")
    publish(contributor, "Both", tags=[tags[1], tags[2]])
    assert titles(api_client.get(FEED, {"tag": "django"})) == ["Both", "Django ORM"]
    assert titles(api_client.get(FEED, {"tag": str(tags[2].pk)})) == ["Both", "React hooks"]
    assert titles(api_client.get(FEED, {"tag": "nothing"})) == []
    assert titles(api_client.get(FEED, {"search": "orm"})) == ["Django ORM"]
    assert titles(api_client.get(FEED, {"search": "frontend"})) == ["React hooks"]
    assert titles(api_client.get(FEED, {"tag": "react", "search": "both"})) == ["Both"]


def test_feed_pages(api_client, contributor):
    for n in range(5):
        publish(contributor, f"R{n}")
    response = api_client.get(FEED, {"page_size": 2, "page": 2})
    assert titles(response) == ["R2", "R1"]
    assert response.json()["data"]["count"] == 5
    assert response.json()["data"]["next"] and response.json()["data"]["previous"]
    assert_error(api_client.get(FEED, {"page": 9}), 404)
    assert_error(api_client.get(FEED, {"search": "x" * 201}), 400, "validation_error")


@pytest.mark.parametrize("url", [FEED, MINE])
def test_lists_take_the_same_queries_for_any_page_size(client_for, contributor, rfy_account, url):
    client = client_for(contributor)
    tags = [make_tag(f"t{n}") for n in range(3)]
    for n in range(25):
        other = contributor if n % 2 else rfy_account("CONTRIBUTOR", f"author{n}")
        publish(other if url == FEED else contributor, f"R{n}", tags=tags[: n % 3 + 1])
    client.get(url)  # warm-up: the authenticating account's first read
    counts = []
    for size in (2, 20):
        with CaptureQueriesContext(connection) as queries:
            assert len(titles(client.get(url, {"page_size": size}))) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_feed_query_count_is_fixed(api_client, contributor, django_assert_num_queries):
    tags = [make_tag(f"t{n}") for n in range(3)]
    for n in range(12):
        publish(contributor, f"R{n}", tags=tags)
    # COUNT, the page with authors and profiles, the page's tags.
    with django_assert_num_queries(3):
        api_client.get(FEED, {"page_size": 5})
    with django_assert_num_queries(3):
        api_client.get(FEED, {"page_size": 12})


# --- tags ------------------------------------------------------------------------------------


def test_tags_are_public_and_sorted(api_client, tags):
    response = api_client.get(TAGS)
    assert response.status_code == 200
    assert [(t["name"], t["slug"]) for t in response.json()["data"]["results"]] == [
        ("django", "django"),
        ("python", "python"),
        ("react", "react"),
    ]
    assert set(response.json()["data"]["results"][0]) == {"id", "name", "slug"}


# --- authors -----------------------------------------------------------------------------------


def test_author_profile_counts_listed_resources_and_granted_views(api_client, contributor, reader):
    Profile.objects.filter(user=contributor).update(bio="I write guides.")
    for n in range(6):
        publish(contributor, f"R{n}")
    premium = publish(contributor, "Premium", visibility="premium")
    publish(contributor, "Secret", visibility="private")
    gone = publish(contributor, "Gone")
    Resource.objects.filter(pk=gone.pk).update(deleted_at=timezone.now())
    ResourceAccess.objects.create(resource=premium, user=reader, granted=True, reason="purchase")
    ResourceAccess.objects.create(resource=premium, user=reader, granted=False, reason="refused")
    response = api_client.get(author_url(contributor.uuid))
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert (data["id"], data["username"], data["bio"], data["avatar_url"]) == (
        str(contributor.uuid),
        "carla",
        "I write guides.",
        None,
    )
    assert data["stats"] == {"total_resources": 7, "total_views": 1}
    assert [r["title"] for r in data["recent_resources"]] == ["Premium", "R5", "R4", "R3", "R2"]


def test_unknown_author_or_another_products_account_is_404(api_client, make_account):
    assert_error(api_client.get(author_url(uuid.uuid4())), 404, "not_found")
    outsider = make_account("parking", email="p@example.com", role="SEEKER")
    assert_error(api_client.get(author_url(outsider.uuid)), 404, "not_found")
    assert_error(api_client.get(API + "authors/12/"), 404)


# --- user/resources -------------------------------------------------------------------------


def test_my_resources_include_every_visibility_but_no_one_elses(client_for, contributor, rfy_account):
    publish(contributor, "Pub")
    publish(contributor, "Prem", visibility="premium")
    publish(contributor, "Priv", visibility="private")
    publish(rfy_account("CONTRIBUTOR", "otto"), "Not mine")
    assert titles(client_for(contributor).get(MINE)) == ["Priv", "Prem", "Pub"]


def test_my_resources_refusals(api_client, client_for, rfy_account):
    assert_error(api_client.get(MINE), 401)
    inactive = rfy_account("USER", "ina", verified=False)
    assert_error(client_for(inactive).get(MINE), 403, "account_not_activated")
    onboarding = rfy_account("USER", "onno", onboarding_step=OnboardingStep.PROFILE)
    assert_error(client_for(onboarding).get(MINE), 403, "onboarding_incomplete")
    assert titles(client_for(rfy_account("USER", "rita")).get(MINE)) == []
