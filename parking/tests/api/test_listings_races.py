"""Listings under concurrency (PostgreSQL): window replacements never mix, the photo limit holds."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.races import statuses_together
from core.testing.uploads import png_of_size
from parking.models import AvailabilityWindow, ListingPhoto
from parking.services.listings import MAX_PHOTOS_PER_LISTING
from parking.tests.conftest import make_listing

API = "/parking/api/v1/listings/"
T0 = datetime(2030, 7, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def host(make_account):
    return make_account("parking", email="hana@example.com", role="HOST", name="Hana Host")


@pytest.fixture
def listing(host):
    return make_listing(host, title="Driveway")


def windows_of(day: int, count: int) -> list[dict]:
    start = T0 + timedelta(days=day * 10)
    return [
        {
            "starts_at": (start + timedelta(hours=3 * n)).isoformat(),
            "ends_at": (start + timedelta(hours=3 * n + 1)).isoformat(),
        }
        for n in range(count)
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_replacements_leave_exactly_one_list(client_for, host, listing):
    bodies = [{"windows": windows_of(day, 5)} for day in range(4)]
    clients = [client_for(host) for _ in bodies]
    url = f"{API}{listing.pk}/availability/"
    calls = [lambda c=c, b=b: c.post(url, b, format="json") for c, b in zip(clients, bodies, strict=True)]
    assert statuses_together(calls) == [200] * 4
    stored = list(AvailabilityWindow.objects.filter(listing=listing).values_list("starts_at", flat=True))
    starts = [[datetime.fromisoformat(w["starts_at"]) for w in body["windows"]] for body in bodies]
    assert stored in starts, stored


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_respect_the_photo_limit(client_for, host, listing):
    ListingPhoto.objects.bulk_create(
        [ListingPhoto(listing=listing, image=f"p{n}.png") for n in range(MAX_PHOTOS_PER_LISTING - 2)]
    )
    clients = [client_for(host) for _ in range(4)]
    url = f"{API}{listing.pk}/photos/"

    def upload(client):
        photos = [SimpleUploadedFile(f"{n}.png", png_of_size(20, 20), content_type="image/png") for n in range(2)]
        return client.post(url, {"photos": photos}, format="multipart")

    assert statuses_together([lambda c=c: upload(c) for c in clients]) == [201, 400, 400, 400]
    assert ListingPhoto.objects.filter(listing=listing).count() == MAX_PHOTOS_PER_LISTING
