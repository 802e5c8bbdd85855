"""Admin tags: who may call, list/search/ordering, create with Unicode slugs, rename, delete, merge."""

import pytest
from django.db import transaction

from ressourcefy.models import Profile, Resource, Tag
from ressourcefy.services.resources import resource_create
from ressourcefy.tests.api.admin_helpers import ROLE_TABLE, audit_calls  # noqa: F401 (a fixture)
from ressourcefy.tests.conftest import API, assert_error, make_tag

pytestmark = pytest.mark.django_db

TAGS = API + "admin/tags/"
MERGE = TAGS + "merge/"


def tag_url(tag) -> str:
    return f"{TAGS}{tag.pk}/"


def tagged(author, *tags, title="Guide") -> Resource:
    with transaction.atomic():
        return resource_create(
            author=author, title=title, description="About it.", visibility="public", tag_ids=[t.pk for t in tags]
        )


def interested(user, *tags) -> Profile:
    profile = Profile.objects.get(user=user)
    profile.interests.set(tags)
    return profile


# --- roles: a table per endpoint -------------------------------------------------------------


@pytest.mark.parametrize(("role", "allowed"), ROLE_TABLE)
@pytest.mark.parametrize(
    ("method", "path", "body", "ok_status"),
    [
        ("get", "list", None, 200),
        ("post", "list", {"name": "Fresh"}, 201),
        ("get", "detail", None, 200),
        ("patch", "detail", {"name": "Renamed"}, 200),
        ("delete", "detail", None, 200),
        ("post", "merge", "merge", 200),
    ],
    ids=["list", "create", "detail", "update", "delete", "merge"],
)
def test_roles(request, client_for, audit_calls, tags, role, allowed, method, path, body, ok_status):  # noqa: F811
    url = {"list": TAGS, "detail": tag_url(tags[0]), "merge": MERGE}[path]
    if body == "merge":
        body = {"source_tag_id": str(tags[0].pk), "target_tag_id": str(tags[1].pk)}
    response = getattr(client_for(request.getfixturevalue(role)), method)(url, body, format="json")
    if allowed:
        assert response.status_code == ok_status, response.content
        assert response.json()["status"] == "ok"
    else:
        assert_error(response, 403, "permission_denied")


def test_anonymous_is_refused(client):
    assert client.get(TAGS).status_code == 401


# --- list and detail -------------------------------------------------------------------------


def test_list_searches_orders_and_hides_deleted(client_for, admin):
    for name in ("Python", "Pytest", "Django"):
        make_tag(name)
    Tag.objects.filter(name="Pytest").update(deleted_at="2026-01-01T00:00:00Z")
    api = client_for(admin)
    data = api.get(TAGS, {"search": "PY"}).json()["data"]
    assert [row["name"] for row in data["results"]] == ["Python"]
    assert set(data["results"][0]) == {"id", "name", "slug", "deleted_at", "created_at", "updated_at"}
    data = api.get(TAGS, {"search": "py", "include_deleted": "true", "ordering": "-name"}).json()["data"]
    assert [row["name"] for row in data["results"]] == ["Python", "Pytest"]
    assert data["count"] == 2


def test_list_bad_ordering_is_a_validation_error(client_for, admin):
    assert_error(client_for(admin).get(TAGS, {"ordering": "slug; drop"}), 400, "validation_error")


def test_list_query_count_is_flat_in_page_size(client_for, admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(25):
        make_tag(f"tag{n:02d}")
    api = client_for(admin)
    counts = []
    for size in (2, 20):
        with CaptureQueriesContext(connection) as queries:
            assert len(api.get(TAGS, {"page_size": size}).json()["data"]["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_detail_counts_usage_and_shows_deleted_tags(client_for, admin, contributor, reader, tags):
    tagged(contributor, tags[0])
    tagged(contributor, tags[0], tags[1], title="Second")
    interested(reader, tags[0])
    data = client_for(admin).get(tag_url(tags[0])).json()["data"]
    assert (data["resource_count"], data["interest_count"]) == (2, 1)
    Tag.objects.filter(pk=tags[2].pk).update(deleted_at="2026-01-01T00:00:00Z")
    assert client_for(admin).get(tag_url(tags[2])).json()["data"]["deleted_at"] is not None


def test_unknown_tag_is_404(client_for, admin):
    assert_error(client_for(admin).get(TAGS + "3fa85f64-5717-4562-b3fc-2c963f66afa6/"), 404)


# --- create and rename -----------------------------------------------------------------------


def test_create_generates_the_slug(client_for, admin):
    response = client_for(admin).post(TAGS, {"name": "Django Framework"}, format="json")
    assert response.status_code == 201
    data = response.json()["data"]
    assert (data["name"], data["slug"]) == ("Django Framework", "django-framework")
    assert Tag.objects.get(pk=data["tag_id"]).slug == "django-framework"


@pytest.mark.parametrize(
    ("name", "slug"), [("Café crème", "café-crème"), ("Программирование", "программирование"), ("日本語", "日本語")]
)
def test_unicode_names_keep_their_letters_in_the_slug(client_for, admin, name, slug):
    assert client_for(admin).post(TAGS, {"name": name}, format="json").json()["data"]["slug"] == slug


def test_colliding_slugs_are_numbered_and_a_name_of_symbols_gets_a_slug(client_for, admin):
    api = client_for(admin)
    slugs = [api.post(TAGS, {"name": name}, format="json").json()["data"]["slug"] for name in ("C", "C#", "C++")]
    assert slugs == ["c", "c-2", "c-3"]
    assert api.post(TAGS, {"name": "+++"}, format="json").json()["data"]["slug"] == "tag"


def test_a_taken_name_in_any_case_is_refused(client_for, admin):
    make_tag("Django")
    error = assert_error(client_for(admin).post(TAGS, {"name": "DJANGO"}, format="json"), 400, "invalid_action")
    assert error["message"] == "Tag with name 'DJANGO' or slug 'django' already exists"
    assert Tag.objects.count() == 1


def test_the_name_of_a_deleted_tag_is_free_again(client_for, admin):
    Tag.objects.filter(pk=make_tag("Django").pk).update(deleted_at="2026-01-01T00:00:00Z")
    response = client_for(admin).post(TAGS, {"name": "Django"}, format="json")
    assert response.status_code == 201 and response.json()["data"]["slug"] == "django"


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "x" * 51}, {"name": ["a"]}])
def test_bad_names_are_validation_errors(client_for, admin, body):
    assert_error(client_for(admin).post(TAGS, body, format="json"), 400, "validation_error")


def test_rename_moves_the_slug_and_refuses_a_taken_name(client_for, admin, tags):
    api = client_for(admin)
    data = api.patch(tag_url(tags[0]), {"name": "Python 3"}, format="json").json()["data"]
    assert (data["tag_id"], data["name"], data["slug"]) == (str(tags[0].pk), "Python 3", "python-3")
    assert_error(api.patch(tag_url(tags[0]), {"name": "Django"}, format="json"), 400, "invalid_action")
    # its own name in another case is not "taken"
    assert api.patch(tag_url(tags[0]), {"name": "PYTHON 3"}, format="json").json()["data"]["slug"] == "python-3"


# --- delete ----------------------------------------------------------------------------------


def test_deleting_an_unused_tag_removes_it(client_for, admin, audit_calls, tags):  # noqa: F811
    response = client_for(admin).delete(tag_url(tags[2]))
    assert response.json()["data"] == {"message": "Tag deleted successfully"}
    assert not Tag.objects.filter(pk=tags[2].pk).exists()
    assert audit_calls == []  # a plain model delete: the trail records it by itself


def test_deleting_a_tag_in_use_detaches_and_soft_deletes_it(
    client_for,
    admin,
    contributor,
    reader,
    audit_calls,  # noqa: F811
    tags,
):
    resource = tagged(contributor, tags[0], tags[1])
    interested(reader, tags[0])
    api = client_for(admin)
    assert api.delete(tag_url(tags[0])).status_code == 200
    tag = Tag.objects.get(pk=tags[0].pk)
    assert tag.deleted_at is not None
    assert list(resource.tags.all()) == [tags[1]]
    assert not Profile.objects.get(user=reader).interests.exists()
    [call] = audit_calls
    assert (call["action"], call["target"]) == ("tag.delete", tag)
    assert (call["before"]["resources"], call["before"]["interests"]) == (1, 1)
    assert call["after"]["deleted_at"] is not None
    # gone from the public list and from what can be attached; a second delete is 404
    assert [t["name"] for t in api.get(API + "tags/").json()["data"]["results"]] == ["django", "react"]
    assert_error(api.delete(tag_url(tags[0])), 404)


def test_a_deleted_tag_cannot_be_attached(client_for, contributor, tags):
    Tag.objects.filter(pk=tags[0].pk).update(deleted_at="2026-01-01T00:00:00Z")
    body = {"title": "T", "description": "D", "visibility": "public", "tag_ids": [str(tags[0].pk)]}
    error = assert_error(client_for(contributor).post(API + "resources/", body, format="json"), 400, "invalid_action")
    assert error["message"] == "One or more tags not found"


# --- merge -----------------------------------------------------------------------------------


def merge(api, source, target):
    return api.post(MERGE, {"source_tag_id": str(source.pk), "target_tag_id": str(target.pk)}, format="json")


def test_merge_moves_resources_and_interests_without_duplicates(
    client_for,
    admin,
    contributor,
    reader,
    audit_calls,  # noqa: F811
    tags,
):
    python, django, react = tags
    both = tagged(contributor, python, django, title="Both")
    only_source = tagged(contributor, python, react, title="Only source")
    interested(reader, python, django)
    response = merge(client_for(admin), python, django)
    assert response.status_code == 200
    assert response.json()["data"] == {
        "message": "Tags merged successfully",
        "source_tag_id": str(python.pk),
        "target_tag_id": str(django.pk),
    }
    assert set(both.tags.all()) == {django}
    assert set(only_source.tags.all()) == {django, react}
    assert set(Profile.objects.get(user=reader).interests.all()) == {django}
    assert Tag.objects.get(pk=python.pk).deleted_at is not None
    assert not Resource.tags.through.objects.filter(tag_id=python.pk).exists()
    assert not Profile.interests.through.objects.filter(tag_id=python.pk).exists()
    [call] = audit_calls
    assert call["action"] == "tag.merge" and call["target"].pk == python.pk
    assert call["before"]["source"]["resources"] == 2 and call["before"]["target"]["resources"] == 1
    assert call["after"]["target"]["resources"] == 2 and call["after"]["moved_resources"] == 1
    assert "python" in call["description"] and "django" in call["description"]


def test_merging_a_tag_into_itself_is_400(client_for, admin, audit_calls, tags):  # noqa: F811
    error = assert_error(merge(client_for(admin), tags[0], tags[0]), 400, "invalid_action")
    assert error["message"] == "Cannot merge a tag into itself"
    assert Tag.objects.get(pk=tags[0].pk).deleted_at is None and audit_calls == []


def test_merge_into_or_from_a_deleted_tag_is_400(client_for, admin, audit_calls, tags):  # noqa: F811
    Tag.objects.filter(pk=tags[1].pk).update(deleted_at="2026-01-01T00:00:00Z")
    error = assert_error(merge(client_for(admin), tags[0], tags[1]), 400, "invalid_action")
    assert error["message"] == "Cannot merge into a soft-deleted target tag"
    assert_error(merge(client_for(admin), tags[1], tags[2]), 400, "invalid_action")
    assert audit_calls == []


def test_merge_with_an_unknown_tag_is_404_and_bad_ids_are_400(client_for, admin, tags):
    unknown = Tag(pk="3fa85f64-5717-4562-b3fc-2c963f66afa6")
    assert_error(merge(client_for(admin), tags[0], unknown), 404)
    assert_error(merge(client_for(admin), unknown, tags[0]), 404)
    body = {"source_tag_id": "nope", "target_tag_id": str(tags[0].pk)}
    assert_error(client_for(admin).post(MERGE, body, format="json"), 400, "validation_error")
