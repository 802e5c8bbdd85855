"""Admin resources: roles, filters, ordering, detail, create for an author, update, delete/restore, versions."""

import pytest
from django.db import transaction

from ressourcefy.models import OutboxEvent, Resource, ResourceVersion
from ressourcefy.services.resources import resource_create
from ressourcefy.tests.api.admin_helpers import ROLE_TABLE, audit_calls  # noqa: F401 (a fixture)
from ressourcefy.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db

RESOURCES = API + "admin/resources/"
UNKNOWN = "3fa85f64-5717-4562-b3fc-2c963f66afa6"


def url(resource, tail="") -> str:
    return f"{RESOURCES}{resource.pk}/{tail}"


def publish(author, *, title="Guide", visibility="public", price_cents=None, tags=(), file_url=None) -> Resource:
    with transaction.atomic():
        return resource_create(
            author=author,
            title=title,
            description="About it.",
            visibility=visibility,
            price_cents=price_cents,
            tag_ids=[t.pk for t in tags],
            file_url=file_url,
        )


@pytest.fixture
def resource(contributor, tags):
    return publish(contributor, tags=[tags[0]], file_url="https://cdn.example.com/v1.pdf")


# --- roles: a table per endpoint -------------------------------------------------------------


@pytest.mark.parametrize(("role", "allowed"), ROLE_TABLE)
@pytest.mark.parametrize(
    ("method", "tail", "body", "ok_status"),
    [
        ("get", None, None, 200),
        ("post", None, "create", 201),
        ("get", "", None, 200),
        ("patch", "", {"title": "Renamed"}, 200),
        ("delete", "", None, 200),
        ("post", "restore/", "restore", 200),
        ("post", "versions/", {"file_url": "https://cdn.example.com/v2.pdf"}, 201),
    ],
    ids=["list", "create", "detail", "update", "delete", "restore", "add-version"],
)
def test_roles(request, client_for, audit_calls, contributor, resource, role, allowed, method, tail, body, ok_status):  # noqa: F811
    if body == "create":
        body = {"author_id": str(contributor.uuid), "title": "T", "description": "D", "visibility": "public"}
    if body == "restore":
        body = None
        Resource.objects.filter(pk=resource.pk).update(deleted_at="2026-01-01T00:00:00Z")
    path = RESOURCES if tail is None else url(resource, tail)
    response = getattr(client_for(request.getfixturevalue(role)), method)(path, body, format="json")
    if allowed:
        assert response.status_code == ok_status, response.content
        assert response.json()["status"] == "ok"
    else:
        assert_error(response, 403, "permission_denied")


# --- list ------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(contributor, rfy_account, tags):
    other = rfy_account("CONTRIBUTOR", "otto")
    python, django, react = tags
    made = {
        "public": publish(contributor, title="Alpha public", tags=[python]),
        "premium": publish(contributor, title="Beta premium", visibility="premium", price_cents=900, tags=[django]),
        "private": publish(other, title="Gamma private", visibility="private", tags=[python, django]),
        "deleted": publish(other, title="Delta deleted", tags=[react]),
    }
    Resource.objects.filter(pk=made["deleted"].pk).update(deleted_at="2026-01-01T00:00:00Z")
    return made, other


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return sorted(row["title"] for row in response.json()["data"]["results"])


def test_filters(client_for, admin, catalogue, tags):
    made, other = catalogue
    api = client_for(admin)
    assert titles(api.get(RESOURCES)) == ["Alpha public", "Beta premium", "Gamma private"]
    assert titles(api.get(RESOURCES, {"include_deleted": "true"})) == [
        "Alpha public",
        "Beta premium",
        "Delta deleted",
        "Gamma private",
    ]
    assert titles(api.get(RESOURCES, {"deleted": "true"})) == ["Delta deleted"]
    assert titles(api.get(RESOURCES, {"deleted": "false", "include_deleted": "true"})) == [
        "Alpha public",
        "Beta premium",
        "Gamma private",
    ]
    assert titles(api.get(RESOURCES, {"visibility": "private"})) == ["Gamma private"]
    assert titles(api.get(RESOURCES, {"author_id": str(other.uuid), "include_deleted": "true"})) == [
        "Delta deleted",
        "Gamma private",
    ]
    assert titles(api.get(RESOURCES, {"has_price": "true"})) == ["Beta premium"]
    assert titles(api.get(RESOURCES, {"has_price": "false"})) == ["Alpha public", "Gamma private"]
    assert titles(api.get(RESOURCES, {"search": "ALPHA"})) == ["Alpha public"]
    # any of the tags, each resource once
    query = f"?tag_ids={tags[0].pk}&tag_ids={tags[1].pk}"
    assert titles(api.get(RESOURCES + query)) == ["Alpha public", "Beta premium", "Gamma private"]
    assert titles(api.get(RESOURCES, {"tag_ids": str(tags[1].pk)})) == ["Beta premium", "Gamma private"]


def test_ordering_and_row_shape(client_for, admin, catalogue):
    api = client_for(admin)
    rows = api.get(RESOURCES, {"ordering": "title"}).json()["data"]["results"]
    assert [row["title"] for row in rows] == ["Alpha public", "Beta premium", "Gamma private"]
    rows = api.get(RESOURCES, {"ordering": "-title"}).json()["data"]["results"]
    assert [row["title"] for row in rows] == ["Gamma private", "Beta premium", "Alpha public"]
    row = rows[1]
    assert row["author_email"] == "carla@example.com" and row["price_cents"] == 900
    assert row["tags"] == [{"id": row["tags"][0]["id"], "name": "django", "slug": "django"}]
    assert row["versions"] == [] and row["deleted_at"] is None


@pytest.mark.parametrize(
    "params",
    [{"visibility": "secret"}, {"author_id": "x"}, {"tag_ids": "nope"}, {"ordering": "author"}, {"has_price": "maybe"}],
)
def test_bad_filters_are_validation_errors(client_for, admin, params):
    assert_error(client_for(admin).get(RESOURCES, params), 400, "validation_error")


def test_list_query_count_is_flat_in_page_size(client_for, admin, contributor, tags):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(22):
        publish(contributor, title=f"R{n}", tags=tags[: 1 + n % 3], file_url="https://cdn.example.com/f.pdf")
    api = client_for(admin)
    counts = []
    for size in (2, 20):
        with CaptureQueriesContext(connection) as queries:
            assert len(api.get(RESOURCES, {"page_size": size}).json()["data"]["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- detail, create, update ------------------------------------------------------------------


def test_detail_shows_versions_and_deleted_resources(client_for, admin, resource):
    api = client_for(admin)
    api.post(url(resource, "versions/"), {"file_url": "https://cdn.example.com/v2.pdf"}, format="json")
    data = api.get(url(resource)).json()["data"]
    assert [v["version_number"] for v in data["versions"]] == [2, 1]
    Resource.objects.filter(pk=resource.pk).update(deleted_at="2026-01-01T00:00:00Z")
    assert api.get(url(resource)).json()["data"]["deleted_at"] is not None
    assert_error(api.get(f"{RESOURCES}{UNKNOWN}/"), 404)


def test_create_for_an_author_records_the_event(client_for, admin, reader, tags):
    body = {
        "author_id": str(reader.uuid),
        "title": "On behalf",
        "description": "D",
        "visibility": "premium",
        "price_cents": 999,
        "tag_ids": [str(tags[0].pk)],
        "file_url": "https://cdn.example.com/v1.pdf",
    }
    response = client_for(admin).post(RESOURCES, body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()["data"]
    assert data == {"resource_id": data["resource_id"], "title": "On behalf", "author_id": str(reader.uuid)}
    resource = Resource.objects.get(pk=data["resource_id"])
    assert resource.author == reader and resource.version_count == 1 and list(resource.tags.all()) == [tags[0]]
    events = OutboxEvent.objects.filter(aggregate_id=str(resource.pk)).values_list("event_type", flat=True)
    assert sorted(events) == ["resource.created", "resource.version_added"]


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"author_id": UNKNOWN}, 400, "invalid_action"),
        ({"visibility": "premium"}, 400, "invalid_action"),
        ({"tag_ids": [UNKNOWN]}, 400, "invalid_action"),
        ({"title": ""}, 400, "validation_error"),
        ({"author_id": "not-a-uuid"}, 400, "validation_error"),
    ],
)
def test_create_refusals(client_for, admin, contributor, change, status, code):
    body = {"author_id": str(contributor.uuid), "title": "T", "description": "D", "visibility": "public", **change}
    assert_error(client_for(admin).post(RESOURCES, body, format="json"), status, code)
    assert not Resource.objects.exists()


def test_create_refuses_an_inactive_author(client_for, admin, contributor):
    contributor.is_active = False
    contributor.save(update_fields=["is_active"])
    body = {"author_id": str(contributor.uuid), "title": "T", "description": "D", "visibility": "public"}
    error = assert_error(client_for(admin).post(RESOURCES, body, format="json"), 400, "invalid_action")
    assert error["message"] == "Author not found"


def test_update_reports_changed_fields(client_for, admin, resource, tags):
    body = {
        "title": "Updated",
        "description": "About it.",  # unchanged
        "visibility": "premium",
        "price_cents": 1999,
        "tag_ids": [str(tags[0].pk)],  # unchanged
    }
    data = client_for(admin).patch(url(resource), body, format="json").json()["data"]
    assert data == {
        "resource_id": str(resource.pk),
        "title": "Updated",
        "updated_fields": ["title", "visibility", "price_cents"],
    }
    resource.refresh_from_db()
    assert (resource.visibility, resource.price_cents) == ("premium", 1999)


def test_update_refusals(client_for, admin, resource):
    api = client_for(admin)
    assert_error(api.patch(url(resource), {"price_cents": 100}, format="json"), 400, "invalid_action")
    assert_error(api.patch(url(resource), {"visibility": "open"}, format="json"), 400, "validation_error")
    Resource.objects.filter(pk=resource.pk).update(deleted_at="2026-01-01T00:00:00Z")
    assert_error(api.patch(url(resource), {"title": "X"}, format="json"), 404)


# --- delete, restore, versions ---------------------------------------------------------------


def test_delete_and_restore_are_audited(client_for, admin, reader, audit_calls, resource):  # noqa: F811
    api = client_for(admin)
    assert api.delete(url(resource)).json()["data"] == {"message": "Resource deleted successfully"}
    resource.refresh_from_db()
    assert resource.deleted_at is not None
    assert_error(client_for(reader).post(API + f"resources/{resource.pk}/"), 404)  # gone for users
    assert api.delete(url(resource)).status_code == 200  # idempotent, recorded once
    assert [c["action"] for c in audit_calls] == ["resource.delete"]
    assert audit_calls[0]["target"] == resource and audit_calls[0]["before"] == {"deleted_at": None}

    assert api.post(url(resource, "restore/")).json()["data"] == {"message": "Resource restored successfully"}
    resource.refresh_from_db()
    assert resource.deleted_at is None
    assert [c["action"] for c in audit_calls] == ["resource.delete", "resource.restore"]
    assert audit_calls[1]["after"] == {"deleted_at": None}
    assert client_for(reader).post(API + f"resources/{resource.pk}/").status_code == 200
    error = assert_error(api.post(url(resource, "restore/")), 400, "invalid_action")
    assert error["message"] == "Resource is not deleted"
    assert_error(api.delete(f"{RESOURCES}{UNKNOWN}/"), 404)


def test_add_version_continues_the_numbering(client_for, admin, resource):
    response = client_for(admin).post(
        url(resource, "versions/"), {"file_url": "https://cdn.example.com/v2.pdf"}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["data"] == {
        "resource_id": str(resource.pk),
        "version_number": 2,
        "file_url": "https://cdn.example.com/v2.pdf",
    }
    version = ResourceVersion.objects.get(resource=resource, version_number=2)
    assert version.created_by == admin
    assert OutboxEvent.objects.filter(event_type="resource.version_added", aggregate_id=str(resource.pk)).count() == 2


def test_add_version_refusals(client_for, admin, resource):
    api = client_for(admin)
    assert_error(
        api.post(url(resource, "versions/"), {"file_url": "not a url"}, format="json"), 400, "validation_error"
    )
    Resource.objects.filter(pk=resource.pk).update(deleted_at="2026-01-01T00:00:00Z")
    assert_error(
        api.post(url(resource, "versions/"), {"file_url": "https://cdn.example.com/v.pdf"}, format="json"), 404
    )
    assert ResourceVersion.objects.filter(resource=resource).count() == 1
