"""Admin tags under concurrency (PostgreSQL): merge against tagging of the source, creates of one name at once."""

import pytest
from django.db import transaction

from core.testing.races import run_together, statuses_together
from ressourcefy.models import OnboardingStep, Profile, Resource, ResourceVersion, Tag
from ressourcefy.services.resources import resource_create
from ressourcefy.tests.api.admin_helpers import audit_calls  # noqa: F401 (a fixture)
from ressourcefy.tests.conftest import API, make_tag

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ResourceTag = Resource.tags.through
ProfileInterest = Profile.interests.through


def test_merge_against_concurrent_tagging_loses_nothing(client_for, admin, contributor, rfy_account, audit_calls):  # noqa: F811
    source, target = make_tag("js"), make_tag("javascript")
    with transaction.atomic():
        resources = [
            resource_create(author=contributor, title=f"R{n}", description="D", visibility="public") for n in range(8)
        ]
    newcomers = [rfy_account("USER", f"newcomer{n}", onboarding_step=OnboardingStep.INTERESTS) for n in range(6)]
    author_api, admin_api = client_for(contributor), client_for(admin)
    newcomer_apis = [client_for(user) for user in newcomers]
    body = {"tag_ids": [str(source.pk)]}
    calls = [
        lambda: admin_api.post(
            API + "admin/tags/merge/",
            {"source_tag_id": str(source.pk), "target_tag_id": str(target.pk)},
            format="json",
        )
    ]
    calls += [lambda r=r: author_api.patch(f"{API}resources/{r.pk}/", body, format="json") for r in resources]
    calls += [lambda a=a: a.post(API + "onboarding/interests/", body, format="json") for a in newcomer_apis]
    merge_response, *taggings = run_together(calls)

    assert merge_response.status_code == 200, merge_response.content
    assert Tag.objects.get(pk=source.pk).deleted_at is not None
    # nothing left pointing at the merged-away tag
    assert not ResourceTag.objects.filter(tag_id=source.pk).exists()
    assert not ProfileInterest.objects.filter(tag_id=source.pk).exists()
    # each tagging either landed before the merge (and was moved) or was refused after it: none lost
    for resource, response in zip(resources, taggings[: len(resources)], strict=True):
        assert response.status_code in (200, 400), response.content
        expected = [target.pk] if response.status_code == 200 else []
        assert list(resource.tags.values_list("pk", flat=True)) == expected
    for user, response in zip(newcomers, taggings[len(resources) :], strict=True):
        assert response.status_code in (200, 400), response.content
        interests = list(Profile.objects.get(user=user).interests.values_list("pk", flat=True))
        assert interests == ([target.pk] if response.status_code == 200 else [])
    assert [call["action"] for call in audit_calls] == ["tag.merge"]


def test_one_name_created_at_once_makes_one_tag(client_for, admin):
    apis = [client_for(admin) for _ in range(6)]
    calls = [
        lambda a=a, n=n: a.post(API + "admin/tags/", {"name": "Rust" if n % 2 else "RUST"}, format="json")
        for n, a in enumerate(apis)
    ]
    assert statuses_together(calls) == [201] + [400] * 5
    assert Tag.objects.filter(name__iexact="rust").count() == 1


def test_colliding_slugs_created_at_once_are_all_numbered(client_for, admin):
    names = ["C", "C#", "C++", "C--", "C!"]
    apis = [client_for(admin) for _ in names]
    calls = [
        lambda a=a, name=name: a.post(API + "admin/tags/", {"name": name}, format="json")
        for a, name in zip(apis, names, strict=True)
    ]
    assert statuses_together(calls) == [201] * 5
    assert sorted(Tag.objects.values_list("slug", flat=True)) == ["c", "c-2", "c-3", "c-4", "c-5"]


def test_admin_and_author_versions_at_once_stay_gapless(client_for, admin, contributor):
    with transaction.atomic():
        resource = resource_create(author=contributor, title="Guide", description="D", visibility="public")
    admin_apis, author_apis = [client_for(admin) for _ in range(6)], [client_for(contributor) for _ in range(6)]
    file_url = "https://cdn.example.com/f.pdf"
    calls = [
        lambda a=a: a.post(f"{API}admin/resources/{resource.pk}/versions/", {"file_url": file_url}, format="json")
        for a in admin_apis
    ]
    calls += [
        lambda a=a: a.post(
            API + "resources/versions/", {"resource_id": str(resource.pk), "file_url": file_url}, format="json"
        )
        for a in author_apis
    ]
    assert statuses_together(calls) == [201] * 12
    numbers = sorted(ResourceVersion.objects.filter(resource=resource).values_list("version_number", flat=True))
    assert numbers == list(range(1, 13))


def test_opposite_merges_at_once_leave_one_live_tag(client_for, admin, superadmin, contributor, audit_calls):  # noqa: F811
    first, second = make_tag("k8s"), make_tag("kubernetes")
    with transaction.atomic():
        resource = resource_create(
            author=contributor, title="Guide", description="D", visibility="public", tag_ids=[first.pk, second.pk]
        )
    apis = [client_for(admin), client_for(superadmin)]
    pairs = [(first, second), (second, first)]
    calls = [
        lambda a=a, s=s, t=t: a.post(
            API + "admin/tags/merge/", {"source_tag_id": str(s.pk), "target_tag_id": str(t.pk)}, format="json"
        )
        for a, (s, t) in zip(apis, pairs, strict=True)
    ]
    assert statuses_together(calls) == [200, 400]
    [live] = Tag.objects.filter(pk__in=[first.pk, second.pk], deleted_at__isnull=True)
    assert list(resource.tags.all()) == [live]
    assert len(audit_calls) == 1
