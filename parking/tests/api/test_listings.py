"""Listings area: CRUD with host-only writes and soft delete, photos, search, nearby, availability windows."""

from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from core.api.pagination import count_cache
from core.testing.uploads import pdf_bytes, png_of_size
from parking.models import FEATURE_BITS, AvailabilityWindow, Listing, ListingPhoto
from parking.services.listings import MAX_PHOTOS_PER_LISTING

API = "/parking/api/v1/"
LISTINGS = API + "listings/"
SEARCH = LISTINGS + "search/"
NEARBY = LISTINGS + "nearby/"
T0 = datetime(2030, 7, 1, 8, 0, tzinfo=UTC)


def detail_url(listing_id) -> str:
    return f"{LISTINGS}{listing_id}/"


def photos_url(listing_id) -> str:
    return f"{LISTINGS}{listing_id}/photos/"


def availability_url(listing_id) -> str:
    return f"{LISTINGS}{listing_id}/availability/"


def assert_error(response, status: int, code: str | None = None) -> dict:
    """Parking's error body: {status: "error", errors, message, error_code}."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["status"] == "error" and set(body) >= {"errors", "message", "error_code"}, body
    if code is not None:
        assert body["error_code"] == code, body
    return body


def png(name="spot.png", size=(40, 30)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_of_size(*size), content_type="image/png")


def payload(**fields) -> dict:
    return {
        "title": "Covered garage",
        "description": "Fits an SUV",
        "address": "450 Post St",
        "city": "San Francisco",
        "latitude": 37.7881,
        "longitude": -122.4084,
        "price_per_hour": "4.50",
        "price_per_day": "28.00",
        "spot_type": "GARAGE",
        "features": ["EV_CHARGING", "COVERED"],
        **fields,
    }


def mask(*codes) -> int:
    return sum(FEATURE_BITS[code] for code in codes)


@pytest.fixture
def account(make_account):
    def make(role: str, name: str):
        return make_account("parking", email=f"{name}@example.com", role=role, name=f"{name.title()} Tester")

    return make


@pytest.fixture
def seeker(account):
    return account("SEEKER", "sid")


@pytest.fixture
def host(account):
    return account("HOST", "hana")


@pytest.fixture
def both(account):
    return account("BOTH", "bo")


@pytest.fixture
def other_host(account):
    return account("HOST", "otto")


@pytest.fixture
def admin(account):
    return account("ADMIN", "ada")


@pytest.fixture
def make_listing(host):
    def make(*, owner=None, features=(), **fields):
        values = {
            "title": "Driveway spot",
            "address": "1 Main St",
            "city": "San Francisco",
            "latitude": 37.7749,
            "longitude": -122.4194,
            "price_per_hour": 300,
            "price_per_day": 2000,
            "spot_type": "DRIVEWAY",
            **fields,
        }
        return Listing.objects.create(host=owner or host, features_mask=mask(*features), **values)

    return make


@pytest.fixture
def listing(make_listing):
    return make_listing(title="Hana's driveway", features=("LIGHTING",))


# --- create -------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestCreate:
    @pytest.mark.parametrize("role_fixture", ["host", "both"])
    def test_hosts_create_with_the_documented_shape(self, request, client_for, role_fixture):
        user = request.getfixturevalue(role_fixture)
        response = client_for(user).post(LISTINGS, payload(), format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["status"] == "success"
        data = body["data"]
        assert data["price_per_hour"] == "4.50" and data["price_per_day"] == "28.00"
        assert data["currency"] == "usd"
        assert data["features"] == ["EV_CHARGING", "COVERED"]
        assert data["host"] == {"id": user.pk, "name": user.name}
        assert data["rating"] is None and data["review_count"] == 0
        assert data["photos"] == [] and data["availability"] == [] and data["is_active"] is True
        stored = Listing.objects.get(pk=data["id"])
        assert (stored.price_per_hour, stored.price_per_day, stored.host_id) == (450, 2800, user.pk)

    def test_seeker_cannot_create(self, client_for, seeker):
        assert_error(client_for(seeker).post(LISTINGS, payload(), format="json"), 403)
        assert not Listing.objects.exists()

    def test_anonymous_is_401(self, api_client):
        assert_error(api_client.post(LISTINGS, payload(), format="json"), 401, "AUTHENTICATION_REQUIRED")

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("latitude", 91),
            ("longitude", -181),
            ("latitude", "nan"),
            ("price_per_hour", "-1"),
            ("price_per_hour", "1.005"),
            ("spot_type", "BOAT"),
            ("features", ["JACUZZI"]),
            ("title", ""),
        ],
    )
    def test_invalid_fields_are_400_on_the_field(self, client_for, host, field, value):
        response = client_for(host).post(LISTINGS, payload(**{field: value}), format="json")
        body = assert_error(response, 400, "VALIDATION_ERROR")
        assert field in body["errors"]
        assert not Listing.objects.exists()


# --- list and detail ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestListAndDetail:
    def test_public_list_hides_deleted_and_inactive(self, api_client, make_listing, listing):
        make_listing(title="Gone", deleted_at=T0, is_active=False)
        make_listing(title="Paused", is_active=False)
        response = api_client.get(LISTINGS)
        assert response.status_code == 200
        data = response.json()["data"]
        assert data["count"] == 1 and [row["id"] for row in data["results"]] == [listing.pk]
        assert set(data) >= {"results", "count", "next", "previous"}

    def test_detail(self, api_client, listing):
        data = api_client.get(detail_url(listing.pk)).json()["data"]
        assert data["id"] == listing.pk and data["features"] == ["LIGHTING"] and data["price_per_hour"] == "3.00"

    def test_rating_is_the_average_of_the_kept_figures(self, api_client, make_listing):
        rated = make_listing(rating_total=9, review_count=2)
        data = api_client.get(detail_url(rated.pk)).json()["data"]
        assert (data["rating"], data["review_count"]) == (4.5, 2)

    def test_missing_and_deleted_are_404(self, api_client, make_listing):
        gone = make_listing(deleted_at=T0, is_active=False)
        assert_error(api_client.get(detail_url(gone.pk)), 404, "NOT_FOUND")
        assert_error(api_client.get(detail_url(999999)), 404)

    def test_inactive_only_for_its_host_and_admins(self, api_client, client_for, make_listing, host, other_host, admin):
        paused = make_listing(is_active=False)
        assert_error(api_client.get(detail_url(paused.pk)), 404)
        assert_error(client_for(other_host).get(detail_url(paused.pk)), 404)
        assert client_for(host).get(detail_url(paused.pk)).status_code == 200
        assert client_for(admin).get(detail_url(paused.pk)).status_code == 200

    @pytest.mark.parametrize(
        ("url", "params"),
        [
            (LISTINGS, {}),
            (SEARCH, {"features": "LIGHTING"}),
            (NEARBY, {"lat": 37.77, "lng": -122.42, "radius": 50}),
        ],
    )
    def test_queries_flat_in_page_size(self, api_client, make_listing, url, params):
        for number in range(8):
            made = make_listing(title=f"Spot {number}", features=("LIGHTING",))
            ListingPhoto.objects.create(listing=made, image=f"parking/listings/{number}.png")
            AvailabilityWindow.objects.create(listing=made, starts_at=T0, ends_at=T0 + timedelta(hours=2))
        counts = []
        for size in (2, 8):
            count_cache().clear()  # both sizes pay for the COUNT, which search and nearby keep for a few seconds
            with CaptureQueriesContext(connection) as queries:
                response = api_client.get(url, {**params, "page_size": size})
            assert response.status_code == 200
            assert len(response.json()["data"]["results"]) == size
            counts.append(len(queries))
        assert counts[0] == counts[1], counts


# --- update and delete --------------------------------------------------------------------------


@pytest.mark.django_db
class TestUpdateDelete:
    def test_host_patches(self, client_for, host, listing):
        response = client_for(host).patch(
            detail_url(listing.pk), {"price_per_day": 35, "features": ["GATED"]}, format="json"
        )
        assert response.status_code == 200, response.content
        data = response.json()["data"]
        assert data["price_per_day"] == "35.00" and data["features"] == ["GATED"]
        assert data["title"] == "Hana's driveway"

    def test_put_needs_every_field(self, client_for, host, listing):
        assert_error(client_for(host).put(detail_url(listing.pk), {"title": "Only"}, format="json"), 400)
        response = client_for(host).put(detail_url(listing.pk), payload(title="Renamed"), format="json")
        assert response.status_code == 200 and response.json()["data"]["title"] == "Renamed"

    def test_patch_validates(self, client_for, host, listing):
        assert_error(client_for(host).patch(detail_url(listing.pk), {"spot_type": "BOAT"}, format="json"), 400)

    def test_other_host_is_403_and_nothing_changes(self, client_for, other_host, listing):
        assert_error(client_for(other_host).patch(detail_url(listing.pk), {"title": "Mine"}, format="json"), 403)
        assert_error(client_for(other_host).delete(detail_url(listing.pk)), 403)
        listing.refresh_from_db()
        assert listing.title == "Hana's driveway" and listing.deleted_at is None

    def test_admin_edits_and_deletes_any(self, client_for, admin, listing):
        assert client_for(admin).patch(detail_url(listing.pk), {"title": "Moderated"}, format="json").status_code == 200
        assert client_for(admin).delete(detail_url(listing.pk)).status_code == 204

    def test_anonymous_is_401(self, api_client, listing):
        assert_error(api_client.patch(detail_url(listing.pk), {"title": "x"}, format="json"), 401)
        assert_error(api_client.delete(detail_url(listing.pk)), 401)

    def test_missing_is_404(self, client_for, host):
        assert_error(client_for(host).patch(detail_url(424242), {"title": "x"}, format="json"), 404)

    def test_delete_is_soft(self, client_for, api_client, host, listing):
        ListingPhoto.objects.create(listing=listing, image="parking/listings/kept.png")
        assert client_for(host).delete(detail_url(listing.pk)).status_code == 204
        stored = Listing.objects.get(pk=listing.pk)
        assert stored.deleted_at is not None and not stored.is_active
        assert stored.photos.count() == 1  # history stays
        assert_error(api_client.get(detail_url(listing.pk)), 404)
        assert_error(client_for(host).get(detail_url(listing.pk)), 404)
        assert api_client.get(LISTINGS).json()["data"]["count"] == 0
        assert_error(client_for(host).delete(detail_url(listing.pk)), 404)


# --- photos -------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestPhotos:
    def test_upload_several_makes_thumbnails_after_commit(
        self, client_for, host, listing, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(host).post(
                photos_url(listing.pk), {"photos": [png("client-one.png"), png("client-two.png")]}, format="multipart"
            )
        assert response.status_code == 201, response.content
        photos = response.json()["data"]["photos"]
        assert len(photos) == 2 and all(set(photo) == {"id", "image", "thumbnail"} for photo in photos)
        stored = list(ListingPhoto.objects.filter(listing=listing))
        assert all(photo.thumbnail for photo in stored)
        # Our names, not the client's (random names once ended in "a.png" by chance).
        assert not any("client-" in photo.image.name for photo in stored)

    def test_photos_and_thumbnails_are_served_from_the_storage(
        self, media_storage, client_for, host, listing, django_capture_on_commit_callbacks
    ):
        """Once on local files, once on S3: the photo URLs serve the bytes sent, the thumbnails are JPEGs."""
        sent = [png_of_size(40, 30), png_of_size(64, 48)]
        uploads = [SimpleUploadedFile(f"spot{n}.png", data, content_type="image/png") for n, data in enumerate(sent)]
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(host).post(photos_url(listing.pk), {"photos": uploads}, format="multipart")
        assert response.status_code == 201, response.content
        photos = response.json()["data"]["photos"]
        assert sorted(media_storage.fetch(photo["image"])[2] for photo in photos) == sorted(sent)
        for photo in client_for(host).get(detail_url(listing.pk)).json()["data"]["photos"]:
            status, _, body = media_storage.fetch(photo["thumbnail"])
            with Image.open(BytesIO(body)) as thumbnail:
                assert status == 200 and thumbnail.format == "JPEG"
        stored = ListingPhoto.objects.filter(listing=listing)
        names = sorted(name for photo in stored for name in (photo.image.name, photo.thumbnail.name))
        assert media_storage.public_names() == names and len(names) == 4

    def test_thumbnail_null_until_the_task_ran(self, client_for, host, listing):
        response = client_for(host).post(photos_url(listing.pk), {"photos": [png()]}, format="multipart")
        assert response.json()["data"]["photos"][0]["thumbnail"] is None

    def test_non_images_and_none_are_400(self, client_for, host, listing):
        fake = SimpleUploadedFile("x.png", pdf_bytes(), content_type="image/png")
        assert_error(client_for(host).post(photos_url(listing.pk), {"photos": [fake]}, format="multipart"), 400)
        assert_error(client_for(host).post(photos_url(listing.pk), {}, format="multipart"), 400)
        assert not ListingPhoto.objects.exists()

    def test_photo_limit(self, client_for, host, listing):
        ListingPhoto.objects.bulk_create(
            [ListingPhoto(listing=listing, image=f"p{n}.png") for n in range(MAX_PHOTOS_PER_LISTING)]
        )
        assert_error(client_for(host).post(photos_url(listing.pk), {"photos": [png()]}, format="multipart"), 400)

    def test_permissions(self, api_client, client_for, other_host, seeker, listing):
        assert_error(api_client.post(photos_url(listing.pk), {"photos": [png()]}, format="multipart"), 401)
        assert_error(client_for(other_host).post(photos_url(listing.pk), {"photos": [png()]}, format="multipart"), 403)
        assert_error(client_for(seeker).post(photos_url(listing.pk), {"photos": [png()]}, format="multipart"), 403)
        assert_error(client_for(other_host).post(photos_url(999999), {"photos": [png()]}, format="multipart"), 404)

    def test_delete(self, client_for, host, other_host, make_listing, listing):
        photo = ListingPhoto.objects.create(listing=listing, image="parking/listings/x.png")
        elsewhere = ListingPhoto.objects.create(listing=make_listing(owner=other_host), image="parking/listings/y.png")
        url = f"{photos_url(listing.pk)}{photo.pk}/"
        assert_error(client_for(other_host).delete(url), 403)
        assert_error(client_for(host).delete(f"{photos_url(listing.pk)}{elsewhere.pk}/"), 404)
        assert client_for(host).delete(url).status_code == 204
        assert not ListingPhoto.objects.filter(pk=photo.pk).exists()
        assert ListingPhoto.objects.filter(pk=elsewhere.pk).exists()
        assert_error(client_for(host).delete(url), 404)

    def test_delete_anonymous_is_401(self, api_client, listing):
        photo = ListingPhoto.objects.create(listing=listing, image="parking/listings/x.png")
        assert_error(api_client.delete(f"{photos_url(listing.pk)}{photo.pk}/"), 401)


# --- availability -------------------------------------------------------------------------------


def window(start_hours: float, end_hours: float) -> dict:
    return {
        "starts_at": (T0 + timedelta(hours=start_hours)).isoformat(),
        "ends_at": (T0 + timedelta(hours=end_hours)).isoformat(),
    }


@pytest.mark.django_db
class TestAvailability:
    def test_replaces_and_joins_touching_windows(self, client_for, host, listing):
        AvailabilityWindow.objects.create(listing=listing, starts_at=T0 - timedelta(days=3), ends_at=T0)
        body = {"windows": [window(30, 40), window(0, 12), window(12, 20)]}
        response = client_for(host).post(availability_url(listing.pk), body, format="json")
        assert response.status_code == 200, response.content
        assert len(response.json()["data"]) == 2
        rows = list(AvailabilityWindow.objects.filter(listing=listing).values_list("starts_at", "ends_at"))
        assert rows == [(T0, T0 + timedelta(hours=20)), (T0 + timedelta(hours=30), T0 + timedelta(hours=40))]

    def test_empty_list_clears(self, client_for, host, listing):
        AvailabilityWindow.objects.create(listing=listing, starts_at=T0, ends_at=T0 + timedelta(hours=1))
        assert client_for(host).post(availability_url(listing.pk), {"windows": []}, format="json").status_code == 200
        assert not AvailabilityWindow.objects.exists()

    @pytest.mark.parametrize(
        "windows",
        [[window(5, 5)], [window(5, 1)], [window(0, 10), window(9, 12)], [{"starts_at": "soon", "ends_at": "later"}]],
    )
    def test_invalid_windows_are_400_and_keep_the_old(self, client_for, host, listing, windows):
        AvailabilityWindow.objects.create(listing=listing, starts_at=T0, ends_at=T0 + timedelta(hours=1))
        assert_error(client_for(host).post(availability_url(listing.pk), {"windows": windows}, format="json"), 400)
        assert AvailabilityWindow.objects.count() == 1

    def test_permissions(self, api_client, client_for, other_host, admin, listing):
        body = {"windows": [window(0, 1)]}
        assert_error(api_client.post(availability_url(listing.pk), body, format="json"), 401)
        assert_error(client_for(other_host).post(availability_url(listing.pk), body, format="json"), 403)
        assert_error(client_for(other_host).post(availability_url(999999), body, format="json"), 404)
        assert client_for(admin).post(availability_url(listing.pk), body, format="json").status_code == 200


# --- search -------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestSearch:
    def ids(self, client, **params) -> list[int]:
        response = client.get(SEARCH, params)
        assert response.status_code == 200, response.content
        return sorted(row["id"] for row in response.json()["data"]["results"])

    def test_filters(self, api_client, make_listing):
        garage = make_listing(
            title="Quiet garage", spot_type="GARAGE", price_per_hour=500, features=("EV_CHARGING", "GATED")
        )
        lot = make_listing(title="Big lot", spot_type="LOT", city="Oakland", price_per_hour=200, features=("GATED",))
        street = make_listing(title="Street spot", spot_type="STREET", price_per_day=900)
        make_listing(title="Quiet but deleted", deleted_at=T0, is_active=False)
        assert self.ids(api_client, q="quiet") == [garage.pk]
        assert self.ids(api_client, city="oakland") == [lot.pk]
        assert self.ids(api_client, spot_type="GARAGE,LOT") == sorted([garage.pk, lot.pk])
        assert self.ids(api_client, features="GATED") == sorted([garage.pk, lot.pk])
        assert self.ids(api_client, features="GATED,EV_CHARGING") == [garage.pk]
        assert self.ids(api_client, min_price_per_hour="3", max_price_per_hour="5.00") == [garage.pk, street.pk]
        assert self.ids(api_client, max_price_per_day="10") == [street.pk]

    def test_available_between_needs_one_covering_window(self, api_client, make_listing):
        covered = make_listing()
        AvailabilityWindow.objects.create(listing=covered, starts_at=T0, ends_at=T0 + timedelta(hours=10))
        partly = make_listing()
        AvailabilityWindow.objects.create(
            listing=partly, starts_at=T0 + timedelta(hours=2), ends_at=T0 + timedelta(hours=10)
        )
        make_listing()  # no windows at all
        span = {
            "available_from": (T0 + timedelta(hours=1)).isoformat(),
            "available_to": (T0 + timedelta(hours=3)).isoformat(),
        }
        assert self.ids(api_client, **span) == [covered.pk]

    def test_the_count_may_lag_ten_seconds_the_rows_never(self, api_client, make_listing):
        first = make_listing(title="Quiet garage")
        assert api_client.get(SEARCH, {"q": "quiet"}).json()["data"]["count"] == 1
        second = make_listing(title="Quiet lot")
        data = api_client.get(SEARCH, {"q": "quiet"}).json()["data"]
        assert sorted(row["id"] for row in data["results"]) == sorted([first.pk, second.pk])  # live rows
        assert data["count"] == 1  # the cached count, at most 10 s old
        assert api_client.get(SEARCH, {"q": "garage"}).json()["data"]["count"] == 1  # other filters, own count
        count_cache().clear()
        assert api_client.get(SEARCH, {"q": "quiet"}).json()["data"]["count"] == 2

    @pytest.mark.parametrize(
        "params",
        [
            {"spot_type": "BOAT"},
            {"features": "JACUZZI"},
            {"available_from": "tomorrow", "available_to": "2030-01-01T00:00:00Z"},
            {"available_from": "2030-01-01T00:00:00Z"},
            {"available_from": "2030-01-02T00:00:00Z", "available_to": "2030-01-01T00:00:00Z"},
            {"min_price_per_hour": "abc"},
            {"min_price_per_hour": "9", "max_price_per_hour": "1"},
        ],
    )
    def test_invalid_params_are_400(self, api_client, params):
        assert_error(api_client.get(SEARCH, params), 400, "VALIDATION_ERROR")


# --- nearby -------------------------------------------------------------------------------------


@pytest.mark.django_db
class TestNearby:
    def test_sorted_by_great_circle_distance_with_the_distance(self, api_client, make_listing):
        # From Union Square: the Ferry Building (~1.6 km), Golden Gate Park (~5.4 km), Oakland (~13 km).
        park = make_listing(title="Park", latitude=37.7694, longitude=-122.4862)
        ferry = make_listing(title="Ferry", latitude=37.7955, longitude=-122.3937)
        make_listing(title="Oakland", latitude=37.8044, longitude=-122.2712)
        response = api_client.get(NEARBY, {"lat": 37.7880, "lng": -122.4075, "radius": 8})
        assert response.status_code == 200, response.content
        rows = response.json()["data"]["results"]
        assert [row["id"] for row in rows] == [ferry.pk, park.pk]
        assert 1.3 < rows[0]["distance_km"] < 1.8 and 6.0 < rows[1]["distance_km"] < 7.5

    def test_across_the_antimeridian(self, api_client, make_listing):
        east = make_listing(latitude=0, longitude=179.99)
        assert [
            row["id"]
            for row in api_client.get(NEARBY, {"lat": 0, "lng": -179.99, "radius": 5}).json()["data"]["results"]
        ] == [east.pk]

    @pytest.mark.parametrize(
        "params",
        [
            {"lat": 91, "lng": 0},
            {"lat": 0, "lng": 181},
            {"lng": 0},
            {"lat": "x", "lng": 0},
            {"lat": 0, "lng": 0, "radius": 0},
            {"lat": 0, "lng": 0, "radius": -3},
            {"lat": 0, "lng": 0, "radius": 100000},
            {"lat": 0, "lng": 0, "radius": "nan"},
        ],
    )
    def test_invalid_params_are_400(self, api_client, params):
        assert_error(api_client.get(NEARBY, params), 400, "VALIDATION_ERROR")
