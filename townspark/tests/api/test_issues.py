"""Issue endpoints: create, feed filters, detail, edits, delete, anonymity, toggles, status, assign, response."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.api.pagination import count_cache
from townspark.models import Issue, IssueImage
from townspark.tests.conftest import API, image_file, make_issue
from townspark.tests.helpers import deleted, error, ok_data, page

pytestmark = pytest.mark.django_db

COMPACT_KEYS = {
    "id", "title", "description", "category", "status", "urgency", "location", "images", "author",
    "upvotes", "uplifts", "comments", "is_upvoted", "is_bookmarked", "created_at",
}  # fmt: skip
FULL_KEYS = COMPACT_KEYS | {
    "reporter", "assigned_resolver", "department", "shares", "is_anonymous", "updated_at", "timeline",
    "official_response", "after_images",
}  # fmt: skip


def create_body(**overrides):
    body = {
        "title": "Large Pothole on Main Street",
        "description": "A large pothole near the intersection...",
        "category": "road",
        "urgency": "high",
        "address": "123 Main Street",
        "area": "Oakwood District",
        "latitude": 40.7128,
        "longitude": -74.006,
        "department": "public-works",
        "is_anonymous": False,
    }
    body.update(overrides)
    return body


class TestCreate:
    def test_json(self, citizen_client, citizen):
        response = citizen_client.post(API + "issues/", create_body(), format="json")
        data = ok_data(response, 201)
        assert response.json()["message"] == "Issue reported successfully"
        assert set(data) >= FULL_KEYS
        assert data["id"] == "TS-1000" and data["status"] == "reported"
        assert data["location"] == {
            "address": "123 Main Street",
            "area": "Oakwood District",
            "coordinates": {"lat": 40.7128, "lng": -74.006},
        }
        assert data["author"] == data["reporter"] == {"id": str(citizen.uuid), "name": "Jane Citizen", "avatar": None}
        assert data["department"] == {"id": "public-works", "name": "Public Works"}
        assert data["timeline"] == [
            {"status": "reported", "date": data["created_at"], "note": "Issue reported", "updated_by": None}
        ]
        assert data["upvotes"] == data["uplifts"] == data["comments"] == data["shares"] == 0
        assert data["official_response"] is None and data["after_images"] == [] and data["assigned_resolver"] is None
        assert ok_data(citizen_client.post(API + "issues/", create_body(), format="json"), 201)["id"] == "TS-1001"

    def test_department_defaults_from_category(self, citizen_client):
        data = ok_data(
            citizen_client.post(API + "issues/", create_body(category="garbage", department=None), format="json"), 201
        )
        assert data["department"]["id"] == "sanitation"

    def test_multipart_images_and_thumbnails(self, citizen_client, django_capture_on_commit_callbacks):
        body = create_body(images=[image_file("a.jpg"), image_file("b.png", "PNG"), image_file("c.webp", "WEBP")])
        with django_capture_on_commit_callbacks(execute=True):
            data = ok_data(citizen_client.post(API + "issues/", body, format="multipart"), 201)
        assert len(data["images"]) == 3 and all(url.startswith("http://testserver/media/") for url in data["images"])
        images = IssueImage.objects.filter(issue_id=data["id"])
        assert all(image.thumbnail for image in images)
        from PIL import Image

        with images[0].thumbnail.open("rb") as thumb, Image.open(thumb) as picture:
            assert picture.size == (300, 200)
        detail = ok_data(citizen_client.get(API + f"issues/{data['id']}/"))
        assert detail["image_details"][0]["thumbnail"].startswith("http://testserver/media/")

    def test_image_checks(self, citizen_client):
        gif = create_body(images=[image_file("a.gif", "GIF")])
        assert (
            "images"
            in error(citizen_client.post(API + "issues/", gif, format="multipart"), 400, "VALIDATION_ERROR")["errors"]
        )
        fake = create_body(images=[SimpleUploadedFile("a.jpg", b"not an image", content_type="image/jpeg")])
        error(citizen_client.post(API + "issues/", fake, format="multipart"), 400, "VALIDATION_ERROR")
        six = create_body(images=[image_file(f"{n}.jpg") for n in range(6)])
        error(citizen_client.post(API + "issues/", six, format="multipart"), 400, "VALIDATION_ERROR")
        small = image_file("big.jpg").read()
        big = SimpleUploadedFile("big.jpg", small + b"\0" * (10 * 1024 * 1024), content_type="image/jpeg")
        error(
            citizen_client.post(API + "issues/", create_body(images=[big]), format="multipart"), 400, "VALIDATION_ERROR"
        )
        assert not Issue.objects.exists()

    def test_validation(self, citizen_client):
        errors = error(citizen_client.post(API + "issues/", {}, format="json"), 400, "VALIDATION_ERROR")["errors"]
        assert {"title", "description", "category", "address"} <= set(errors)
        error(
            citizen_client.post(API + "issues/", create_body(category="nope"), format="json"), 400, "VALIDATION_ERROR"
        )
        error(citizen_client.post(API + "issues/", create_body(latitude=91), format="json"), 400, "VALIDATION_ERROR")
        error(citizen_client.post(API + "issues/", create_body(longitude=None), format="json"), 400, "VALIDATION_ERROR")

    def test_unauthenticated(self, api_client):
        error(api_client.post(API + "issues/", create_body(), format="json"), 401, "AUTHENTICATION_REQUIRED")


class TestFeed:
    def test_compact_shape_and_pagination(self, api_client, citizen):
        for n in range(12):
            make_issue(citizen, title=f"Issue {n}")
        data = page(api_client.get(API + "issues/"))
        assert (
            data["count"] == 12 and data["page_size"] == 10 and data["total_pages"] == 2 and len(data["results"]) == 10
        )
        first = data["results"][0]
        # supersets for the TownSpark frontend (issue #15)
        assert set(first) == COMPACT_KEYS | {"upvotes_count", "has_upvoted", "createdAt"}
        assert first["title"] == "Issue 11" and first["location"] == "123 Main Street, Ward A"
        assert data["next"].endswith("page=2")
        assert len(page(api_client.get(API + "issues/?page_size=100"))["results"]) == 12
        error(api_client.get(API + "issues/?page=9"), 404, "NOT_FOUND")

    def test_query_count_is_flat(self, citizen_client, citizen, other_citizen, django_assert_max_num_queries):
        for n in range(30):
            issue = make_issue(other_citizen if n % 2 else citizen, title=f"Issue {n}", images=[image_file()])
            if n % 3 == 0:
                citizen_client.post(API + f"issues/{issue.id}/upvote/")
        counts = []
        for size in (5, 30):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            count_cache().clear()  # both sizes pay for the feed's COUNT, which the cache keeps for a few seconds
            with CaptureQueriesContext(connection) as ctx:
                data = page(citizen_client.get(API + f"issues/?page_size={size}"))
            assert len(data["results"]) == size
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1]
        with django_assert_max_num_queries(6):
            citizen_client.get(API + "issues/?page_size=30&status=reported,acknowledged&sort=most_upvotes")

    def test_the_compiled_home_feed_equals_the_filtered_one(
        self, api_client, citizen_client, admin_client, citizen, other_citizen
    ):
        """`?page=N` reads tuples of a compiled statement; `&sort=newest` models through the FilterSet: same pages.

        With anonymous issues (hidden from all but their reporter and admins), an avatar, issues with
        and without images, upvotes and bookmarks, seen by nobody, a citizen and an admin.
        """
        other_citizen.avatar = "avatars/2026/11/face.png"
        other_citizen.name = ""  # the display name falls back to the username or the e-mail
        other_citizen.save()
        for n in range(23):
            images = [image_file()] if n % 5 else []
            issue = make_issue(
                other_citizen if n % 2 else citizen, title=f"Issue {n}", images=images, is_anonymous=n % 3 == 1
            )
            if n % 3 == 0:
                citizen_client.post(API + f"issues/{issue.id}/upvote/")
            if n % 4 == 0:
                citizen_client.post(API + f"issues/{issue.id}/bookmark/")
        for client in (api_client, citizen_client, admin_client):
            for number, size in ((1, 10), (2, 10), (3, 10), (1, 7), (4, 7)):
                query = f"issues/?page={number}&page_size={size}"
                compiled, filtered = page(client.get(API + query)), page(client.get(API + query + "&sort=newest"))
                assert compiled["results"] and compiled["results"] == filtered["results"]
                assert compiled["count"] == filtered["count"] and compiled["total_pages"] == filtered["total_pages"]
        flags = {
            (issue["is_upvoted"], issue["is_bookmarked"])
            for issue in page(citizen_client.get(API + "issues/?page_size=30"))["results"]
        }
        assert {(True, True), (False, False)} <= flags
        authors = {
            issue["author"]["name"] for issue in page(citizen_client.get(API + "issues/?page_size=30"))["results"]
        }
        assert "Anonymous" in authors and len(authors) == 3  # hidden ones, the citizen's own, the other's
        avatars = {
            issue["author"]["avatar"] for issue in page(admin_client.get(API + "issues/?page_size=30"))["results"]
        }
        assert None in avatars and "http://testserver/media/avatars/2026/11/face.png" in avatars

    def test_deep_pages_and_the_cached_count(self, api_client, citizen, django_assert_max_num_queries):
        issues = [make_issue(citizen, title=f"Issue {n}") for n in range(25)]
        Issue.objects.filter(pk__in=[issue.pk for issue in issues[::2]]).update(created_at=issues[0].created_at)
        ordered = list(Issue.objects.order_by("-created_at", "-number").values_list("id", flat=True))
        for sort, expected in (("", ordered), ("&sort=oldest", ordered[::-1])):
            pages = [page(api_client.get(API + f"issues/?page={n}&page_size=10{sort}")) for n in (1, 2, 3)]
            assert [issue["id"] for data in pages for issue in data["results"]] == expected
        with django_assert_max_num_queries(2):  # the COUNT comes from the cache: the page and its images
            data = page(api_client.get(API + "issues/?page=3"))
        assert data["count"] == 25 and data["total_pages"] == 3
        make_issue(citizen, title="Brand new")
        data = page(api_client.get(API + "issues/?page=1"))
        assert data["results"][0]["title"] == "Brand new"  # the rows are live, the count may lag a few seconds
        assert data["count"] == 25
        assert len(page(api_client.get(API + "issues/?page=3"))["results"]) == 6  # not cut at the cached count
        count_cache().clear()
        assert page(api_client.get(API + "issues/?page=1"))["count"] == 26

    def test_compact_rendering_equals_the_declared_fields(self, citizen, other_citizen, admin, client_for):
        from django.contrib.auth.models import AnonymousUser
        from django.test import RequestFactory
        from rest_framework import serializers

        from townspark.api.serializers.issues import IssueCompactSerializer
        from townspark.selectors.issues import issues_for

        make_issue(citizen, title="With images", images=[image_file(), image_file("b.png", "PNG")])
        hidden = make_issue(citizen, title="Anonymous", is_anonymous=True)
        client_for(other_citizen).post(API + f"issues/{hidden.id}/upvote/")
        client_for(other_citizen).post(API + f"issues/{hidden.id}/bookmark/")
        for user in (AnonymousUser(), citizen, other_citizen, admin):
            request = RequestFactory().get("/townspark/api/v1/issues/")
            request.user = user
            serializer = IssueCompactSerializer(context={"request": request})
            render_declared = serializers.Serializer.to_representation
            declared = [render_declared(serializer, issue) for issue in issues_for(viewer=user)]
            assert [serializer.to_representation(issue) for issue in issues_for(viewer=user)] == declared
            page = IssueCompactSerializer(issues_for(viewer=user), many=True, context={"request": request}).data
            assert page == declared and len(page[-1]["images"]) == 2  # the page's images in one query

    def test_filters(self, api_client, citizen, resolver):
        pothole = make_issue(citizen, title="Pothole", area="Oakwood District", urgency="high")
        trash = make_issue(
            citizen,
            title="Trash pile",
            description="Bins overflowing",
            category="garbage",
            area="Ward B",
            urgency="low",
        )
        light = make_issue(
            citizen,
            title="Dark street",
            description="No light at night",
            category="streetlight",
            area="ward b",
            urgency="critical",
        )
        from townspark.services.issues import issue_status_update

        issue_status_update(issue=trash, status="acknowledged", actor=resolver)
        issue_status_update(issue=light, status="resolved", actor=resolver)

        def ids(query):
            return [item["id"] for item in page(api_client.get(API + "issues/" + query))["results"]]

        assert ids("?status=reported") == [pothole.id]
        assert set(ids("?status=reported,acknowledged")) == {pothole.id, trash.id}
        assert set(ids("?category=garbage,streetlight")) == {trash.id, light.id}
        assert ids("?urgency=critical") == [light.id]
        assert set(ids("?area=Ward B")) == {trash.id, light.id}
        assert ids("?search=overflowing") == [trash.id]
        assert ids("?search=pothole") == [pothole.id]
        assert ids("?sort=oldest") == [pothole.id, trash.id, light.id]
        assert ids("?sort=newest") == [light.id, trash.id, pothole.id]
        assert ids("?ordering=created_at") == [pothole.id, trash.id, light.id]
        error(api_client.get(API + "issues/?status=bogus"), 400, "VALIDATION_ERROR")
        error(api_client.get(API + "issues/?sort=sideways"), 400, "VALIDATION_ERROR")
        error(api_client.get(API + "issues/?ordering=password"), 400, "VALIDATION_ERROR")

    def test_sort_by_engagement(self, client_for, citizen, other_citizen, api_client):
        quiet = make_issue(citizen, title="Quiet")
        loud = make_issue(citizen, title="Loud")
        client_for(other_citizen).post(API + f"issues/{quiet.id}/upvote/")
        client_for(citizen).post(API + f"issues/{quiet.id}/upvote/")
        client_for(citizen).post(API + f"issues/{loud.id}/upvote/")
        Issue.objects.filter(pk=loud.pk).update(comment_count=3)
        assert [i["id"] for i in page(api_client.get(API + "issues/?sort=most_upvotes"))["results"]] == [
            quiet.id,
            loud.id,
        ]
        assert [i["id"] for i in page(api_client.get(API + "issues/?sort=most_comments"))["results"]] == [
            loud.id,
            quiet.id,
        ]
        assert [i["id"] for i in page(api_client.get(API + "issues/?ordering=-upvotes"))["results"]] == [
            quiet.id,
            loud.id,
        ]

    def test_date_range(self, api_client, citizen):
        old = make_issue(citizen, title="Old")
        new = make_issue(citizen, title="New")
        Issue.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
        today = timezone.now().date().isoformat()
        week_ago = (timezone.now() - timedelta(days=7)).date().isoformat()
        assert [i["id"] for i in page(api_client.get(API + f"issues/?created_after={week_ago}"))["results"]] == [new.id]
        assert [i["id"] for i in page(api_client.get(API + f"issues/?created_before={week_ago}"))["results"]] == [
            old.id
        ]
        assert (
            len(page(api_client.get(API + f"issues/?created_after={week_ago}&created_before={today}"))["results"]) == 1
        )
        error(api_client.get(API + "issues/?created_after=yesterday"), 400, "VALIDATION_ERROR")

    def test_radius_uses_great_circle_distance(self, api_client, citizen):
        here = make_issue(citizen, title="Here", latitude=40.7128, longitude=-74.0060)
        near = make_issue(citizen, title="Brooklyn", latitude=40.6782, longitude=-73.9442)  # ~6.4 km
        make_issue(citizen, title="Philadelphia", latitude=39.9526, longitude=-75.1652)  # ~130 km
        make_issue(citizen, title="No coordinates")

        def ids(query):
            return {item["id"] for item in page(api_client.get(API + "issues/" + query))["results"]}

        assert ids("?lat=40.7128&lng=-74.006&radius=1") == {here.id}
        assert ids("?lat=40.7128&lng=-74.006&radius=7") == {here.id, near.id}
        assert len(ids("?lat=40.7128&lng=-74.006&radius=131")) == 3
        assert ids("?lat=40.7128&lng=-74.006") == {here.id}  # default 5 km
        error(api_client.get(API + "issues/?lat=40.7"), 400, "VALIDATION_ERROR")
        error(api_client.get(API + "issues/?lat=100&lng=0&radius=1"), 400, "VALIDATION_ERROR")
        error(api_client.get(API + "issues/?radius=5"), 400, "VALIDATION_ERROR")

    def test_radius_across_the_antimeridian_and_near_a_pole(self, api_client, citizen):
        east = make_issue(citizen, title="Fiji east", latitude=-17.0, longitude=179.95)
        make_issue(citizen, title="Far", latitude=-17.0, longitude=170.0)
        found = {i["id"] for i in page(api_client.get(API + "issues/?lat=-17&lng=-179.95&radius=20"))["results"]}
        assert found == {east.id}
        pole = make_issue(citizen, title="Pole", latitude=89.99, longitude=10)
        found = {i["id"] for i in page(api_client.get(API + "issues/?lat=89.99&lng=-170&radius=5"))["results"]}
        assert found == {pole.id}


class TestDetail:
    def test_full_shape(self, api_client, issue):
        data = ok_data(api_client.get(API + f"issues/{issue.id}/"))
        assert set(data) >= FULL_KEYS and data["is_upvoted"] is False
        assert ok_data(api_client.get(API + f"issues/{issue.id.lower()}/"))["id"] == issue.id

    def test_not_found(self, api_client):
        error(api_client.get(API + "issues/TS-99999/"), 404, "NOT_FOUND")

    def test_anonymous_author_hidden_except_for_reporter_and_admin(
        self, api_client, citizen, citizen_client, admin_client, client_for, other_citizen
    ):
        issue = make_issue(citizen, is_anonymous=True)
        anonymous = {"id": None, "name": "Anonymous", "avatar": None}
        for client in (api_client, client_for(other_citizen)):
            data = ok_data(client.get(API + f"issues/{issue.id}/"))
            assert data["author"] == data["reporter"] == anonymous
            assert page(client.get(API + "issues/"))["results"][0]["author"] == anonymous
        assert ok_data(citizen_client.get(API + f"issues/{issue.id}/"))["author"]["id"] == str(citizen.uuid)
        assert ok_data(admin_client.get(API + f"issues/{issue.id}/"))["reporter"]["id"] == str(citizen.uuid)


class TestEdit:
    def test_reporter_edits_basic_fields(self, citizen_client, issue):
        data = ok_data(
            citizen_client.patch(
                API + f"issues/{issue.id}/", {"title": "Huge pothole", "urgency": "critical"}, format="json"
            )
        )
        assert data["title"] == "Huge pothole" and data["urgency"] == "critical"

    def test_others_cannot_edit(self, client_for, other_citizen, admin_client, resolver_client, issue):
        error(
            client_for(other_citizen).patch(API + f"issues/{issue.id}/", {"title": "Mine now"}, format="json"),
            403,
            "PERMISSION_DENIED",
        )
        error(
            admin_client.patch(API + f"issues/{issue.id}/", {"title": "Admin edit"}, format="json"),
            403,
            "PERMISSION_DENIED",
        )
        error(
            resolver_client.patch(API + f"issues/{issue.id}/", {"title": "x", "status": "acknowledged"}, format="json"),
            403,
            "PERMISSION_DENIED",
        )

    def test_status_by_patch(self, citizen_client, resolver_client, issue):
        error(
            citizen_client.patch(API + f"issues/{issue.id}/", {"status": "resolved"}, format="json"),
            403,
            "PERMISSION_DENIED",
        )
        data = ok_data(
            resolver_client.patch(
                API + f"issues/{issue.id}/", {"status": "acknowledged", "note": "Seen"}, format="json"
            )
        )
        assert data["status"] == "acknowledged" and data["timeline"][-1]["note"] == "Seen"

    def test_validation_unauthenticated_not_found(self, citizen_client, api_client, issue):
        error(
            citizen_client.patch(API + f"issues/{issue.id}/", {"category": "nope"}, format="json"),
            400,
            "VALIDATION_ERROR",
        )
        error(
            api_client.patch(API + f"issues/{issue.id}/", {"title": "x"}, format="json"), 401, "AUTHENTICATION_REQUIRED"
        )
        error(citizen_client.patch(API + "issues/TS-5/", {"title": "x"}, format="json"), 404, "NOT_FOUND")


class TestDelete:
    def test_reporter_and_admin(self, citizen_client, admin_client, citizen):
        first, second = make_issue(citizen), make_issue(citizen)
        assert deleted(citizen_client.delete(API + f"issues/{first.id}/")) == (
            "Issue deleted successfully",
            {"detail": f"Issue {first.id} deleted."},
        )
        assert deleted(admin_client.delete(API + f"issues/{second.id}/")) == (
            "Issue deleted successfully",
            {"detail": f"Issue {second.id} deleted."},
        )
        assert not Issue.objects.exists()

    def test_forbidden_unauthenticated_not_found(self, client_for, other_citizen, resolver_client, api_client, issue):
        error(client_for(other_citizen).delete(API + f"issues/{issue.id}/"), 403, "PERMISSION_DENIED")
        error(resolver_client.delete(API + f"issues/{issue.id}/"), 403, "PERMISSION_DENIED")
        error(api_client.delete(API + f"issues/{issue.id}/"), 401, "AUTHENTICATION_REQUIRED")
        error(client_for(other_citizen).delete(API + "issues/TS-1/"), 404, "NOT_FOUND")


def test_date_bounds_with_unusual_offsets_are_compared_in_utc(api_client):
    # Offsets PostgreSQL cannot store (past +-15:59) must not reach the database.
    for query in (
        "created_after=2644-11-22T07:28:37.440805%2B15:45&created_before=6056-01-30T21:20:55.3-21:04",
        "created_after=9999-12-31T23:59:59-23:59",
        "created_before=0001-01-01T00:00:00%2B23:59",
    ):
        response = api_client.get(f"/townspark/api/v1/issues/?{query}")
        assert response.status_code in (200, 400), (query, response.content)
        assert response.json()["success"] is (response.status_code == 200)
