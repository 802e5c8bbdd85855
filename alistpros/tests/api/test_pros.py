"""Pros area: profile list (filters, shape, flat queries) and detail, create, update, categories, portfolio, reviews."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Sum
from django.utils import timezone

from alistpros.models import (
    Appointment,
    AppointmentStatus,
    Payment,
    PaymentStatus,
    PortfolioItem,
    ProProfile,
    Review,
    ServiceCategory,
)
from alistpros.tests.conftest import API, assert_error
from core.testing.uploads import png_of_size

PROFILES = API + "alistpros/profiles/"
CREATE = PROFILES + "create/"
UPDATE = PROFILES + "update/"
SERVICES = API + "alistpros/services/"
PORTFOLIO = API + "alistpros/portfolio/"


def reviews_url(profile_id) -> str:
    return f"{PROFILES}{profile_id}/reviews/"


def png(name="photo.png", size=(20, 10)) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_of_size(*size), content_type="image/png")


@pytest.fixture
def electrical(db):
    return ServiceCategory.objects.get(name="Electrical")


@pytest.fixture
def reviewed_profile(pro_profile, client_user):
    """Elite Plumbing with a portfolio item and one review, its figures kept as the service keeps them."""
    PortfolioItem.objects.create(profile=pro_profile, title="Bathroom", completion_date="2024-01-10")
    Review.objects.create(profile=pro_profile, client=client_user, rating=4, comment="Good", is_verified=True)
    ProProfile.objects.filter(pk=pro_profile.pk).update(total_reviews=1, rating_total=4)
    return pro_profile


def profile_payload(**fields) -> dict:
    return {
        "business_name": "Bright Builders",
        "business_description": "Carpentry and more",
        "years_of_experience": 7,
        "license_number": "PL12345",
        "insurance_info": "Fully insured",
        "service_radius": 30,
        **fields,
    }


def assert_figures_match_rows():
    for profile in ProProfile.objects.all():
        rows = Review.objects.filter(profile=profile).aggregate(count=Count("id"), total=Sum("rating"))
        assert profile.total_reviews == rows["count"]
        assert profile.rating_total == (rows["total"] or 0)


# --- list and detail ----------------------------------------------------------------------------


@pytest.mark.django_db
class TestProfileList:
    def test_public_list_has_the_documented_shape(self, api_client, reviewed_profile, pro_user, client_user, plumbing):
        pro_user.phone = "+1234567890"
        pro_user.save(update_fields=["phone"])
        response = api_client.get(PROFILES)
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["count"] == 1
        item = body["results"][0]
        assert set(item) == {
            "id", "user", "business_name", "business_description", "years_of_experience", "license_number",
            "insurance_info", "service_radius", "profile_image", "is_onboarded", "service_categories",
            "portfolio_items", "reviews", "average_rating", "total_reviews", "created_at",
        }  # fmt: skip
        assert item["user"] == {
            "id": pro_user.pk,
            "email": "pat@example.com",
            "name": "Pat Tester",
            "phone_number": "+1234567890",
            "role": "contractor",
        }
        assert item["profile_image"] is None
        assert item["service_categories"] == [
            {"id": plumbing.pk, "name": "Plumbing", "description": plumbing.description}
        ]
        assert item["portfolio_items"] == [
            {"id": item["portfolio_items"][0]["id"], "title": "Bathroom", "description": "", "image": None,
             "completion_date": "2024-01-10"}
        ]  # fmt: skip
        review = item["reviews"][0]
        assert set(review) == {"id", "client", "rating", "comment", "is_verified", "created_at"}
        assert review["client"] == {"id": client_user.pk, "name": "Carla Tester"}
        assert (review["rating"], review["is_verified"]) == (4, True)
        assert item["average_rating"] == 4.0 and isinstance(item["average_rating"], float)
        assert item["total_reviews"] == 1

    def test_average_rating_has_one_decimal(self, api_client, pro_profile):
        ProProfile.objects.filter(pk=pro_profile.pk).update(total_reviews=3, rating_total=14)
        assert api_client.get(PROFILES).json()["results"][0]["average_rating"] == 4.7

    def test_search_matches_name_description_and_category(self, api_client, pro_profile, other_pro_profile, electrical):
        other_pro_profile.service_categories.add(electrical)

        def found(query):
            return {row["business_name"] for row in api_client.get(PROFILES + "?search=" + query).json()["results"]}

        assert found("elite") == {"Elite Plumbing Services"}
        assert found("professional") == {"Elite Plumbing Services"}
        assert found("electrical") == {"Spark Electric"}
        assert found("plumbing") == {"Elite Plumbing Services"}
        assert found("nothing-like-this") == set()

    def test_filters_by_categories_repeated_or_comma_separated(
        self, api_client, pro_profile, other_pro_profile, plumbing, electrical, account
    ):
        other_pro_profile.service_categories.add(electrical, plumbing)
        third = ProProfile.objects.create(user=account("crew", "cree"), business_name="Crew Co")

        def found(query):
            return {row["id"] for row in api_client.get(PROFILES + "?" + query).json()["results"]}

        assert found(f"service_categories={electrical.pk}") == {other_pro_profile.pk}
        both = {pro_profile.pk, other_pro_profile.pk}
        assert found(f"service_categories={plumbing.pk}&service_categories={electrical.pk}") == both
        assert found(f"service_categories={plumbing.pk},{electrical.pk}") == both
        # A profile offering both categories is listed once.
        response = api_client.get(PROFILES + f"?service_categories={plumbing.pk},{electrical.pk}")
        assert response.json()["count"] == 2
        assert third.pk in found("")  # offers nothing: unfiltered only

    def test_minimums_and_ordering(self, api_client, pro_profile, other_pro_profile):
        def names(query):
            return [row["business_name"] for row in api_client.get(PROFILES + "?" + query).json()["results"]]

        assert names("years_of_experience__gte=5") == ["Elite Plumbing Services"]
        assert names("service_radius__gte=51") == []
        assert names("service_radius__gte=50") == ["Elite Plumbing Services"]
        assert names("ordering=business_name") == ["Elite Plumbing Services", "Spark Electric"]
        assert names("ordering=-business_name") == ["Spark Electric", "Elite Plumbing Services"]
        assert names("ordering=years_of_experience") == ["Spark Electric", "Elite Plumbing Services"]
        assert names("ordering=-years_of_experience") == ["Elite Plumbing Services", "Spark Electric"]
        assert names("ordering=created_at") == ["Elite Plumbing Services", "Spark Electric"]
        assert names("") == ["Spark Electric", "Elite Plumbing Services"]  # newest first

    def test_spec_example_request(self, api_client, pro_profile, other_pro_profile):
        response = api_client.get(PROFILES + "?search=plumbing&years_of_experience__gte=5&ordering=business_name")
        assert [row["id"] for row in response.json()["results"]] == [pro_profile.pk]

    @pytest.mark.parametrize(
        "query",
        [
            "service_categories=abc",
            "service_categories=1,x",
            "service_categories=999999",
            "service_categories=99999999999999999999999",
            "years_of_experience__gte=five",
            "years_of_experience__gte=5.5",
            "years_of_experience__gte=-1",
            "service_radius__gte=lots",
            "service_radius__gte=99999999999999",
            "ordering=rating",
            "ordering=user__password",
        ],
    )
    def test_invalid_filter_values_are_400(self, api_client, pro_profile, query):
        assert_error(api_client.get(PROFILES + "?" + query), 400)

    def test_query_count_is_flat_in_page_size(
        self, api_client, account, plumbing, electrical, django_assert_num_queries
    ):
        for n in range(6):
            profile = ProProfile.objects.create(user=account("contractor", f"pro{n}"), business_name=f"Pro {n}")
            profile.service_categories.add(plumbing, electrical)
            PortfolioItem.objects.create(profile=profile, title="Work")
            for c in range(2):
                Review.objects.create(profile=profile, client=account("client", f"cl{n}x{c}"), rating=5)
        # COUNT, the page (with its users), categories, portfolio items, reviews (with their clients).
        with django_assert_num_queries(5):
            small = api_client.get(PROFILES + "?page_size=2")
        with django_assert_num_queries(5):
            large = api_client.get(PROFILES + "?page_size=6")
        assert len(small.json()["results"]) == 2 and len(large.json()["results"]) == 6
        assert all(len(row["reviews"]) == 2 for row in large.json()["results"])
        # Filtering adds one query (the category ids are checked to exist), whatever the page size.
        filtered = f"?search=pro&ordering=business_name&service_categories={plumbing.pk},{electrical.pk}"
        with django_assert_num_queries(6):
            api_client.get(PROFILES + filtered + "&page_size=2")
        with django_assert_num_queries(6):
            assert len(api_client.get(PROFILES + filtered + "&page_size=6").json()["results"]) == 6


@pytest.mark.django_db
class TestProfileDetail:
    def test_public_detail_in_the_list_shape(self, api_client, reviewed_profile):
        detail = api_client.get(f"{PROFILES}{reviewed_profile.pk}/")
        assert detail.status_code == 200
        assert detail.json() == api_client.get(PROFILES).json()["results"][0]

    @pytest.mark.parametrize("profile_id", ["999999", "99999999999999999999"])
    def test_unknown_profile_is_404(self, api_client, pro_profile, profile_id):
        assert_error(api_client.get(f"{PROFILES}{profile_id}/"), 404)


# --- create and update ------------------------------------------------------------------------


@pytest.mark.django_db
class TestProfileCreate:
    def test_pro_creates_their_profile(self, client_for, pro_user, plumbing, electrical):
        response = client_for(pro_user).post(
            CREATE, profile_payload(service_categories=[plumbing.pk, electrical.pk]), format="json"
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["business_name"] == "Bright Builders" and body["user"]["id"] == pro_user.pk
        assert {c["name"] for c in body["service_categories"]} == {"Plumbing", "Electrical"}
        assert body["reviews"] == [] and body["average_rating"] == 0.0 and body["total_reviews"] == 0
        assert body["profile_image"] is None and body["is_onboarded"] is False
        profile = ProProfile.objects.get(user=pro_user)
        assert (profile.years_of_experience, profile.license_number) == (7, "PL12345")

    def test_multipart_with_an_image_stored_under_our_name(self, client_for, pro_user, plumbing):
        data = {**profile_payload(), "service_categories": [plumbing.pk], "profile_image": png("../../evil.png.exe")}
        response = client_for(pro_user).post(CREATE, data, format="multipart")
        assert response.status_code == 201, response.content
        url = response.json()["profile_image"]
        assert url.startswith("http://testserver/media/alistpros/profiles/") and url.endswith(".png")
        assert "evil" not in url
        assert ProProfile.objects.get(user=pro_user).service_categories.get() == plumbing

    @pytest.mark.parametrize(
        ("file", "field"),
        [
            (SimpleUploadedFile("a.png", b"<?php echo 1; ?>", content_type="image/png"), "profile_image"),
            (SimpleUploadedFile("big.png", b"\0" * (5 * 1024 * 1024 + 1), content_type="image/png"), "profile_image"),
        ],
        ids=["not-an-image", "too-large"],
    )
    def test_bad_images_are_400(self, client_for, pro_user, file, field):
        body = assert_error(client_for(pro_user).post(CREATE, {**profile_payload(), field: file}), 400)
        assert field in body["details"]
        assert not ProProfile.objects.filter(user=pro_user).exists()

    @pytest.mark.parametrize(
        "fields",
        [
            {"business_name": ""},
            {"business_name": None},
            {"years_of_experience": -1},
            {"service_radius": "far"},
            {"service_categories": [999999]},
            {"service_categories": ["x"]},
            {"service_categories": [99999999999999999999999]},
        ],
    )
    def test_validation_errors_are_400(self, client_for, pro_user, fields):
        assert_error(client_for(pro_user).post(CREATE, profile_payload(**fields), format="json"), 400)
        assert not ProProfile.objects.filter(user=pro_user).exists()

    def test_missing_business_name_is_400(self, client_for, pro_user):
        body = assert_error(client_for(pro_user).post(CREATE, {"service_radius": 5}, format="json"), 400)
        assert "business_name" in body["details"]

    def test_second_profile_is_400(self, client_for, pro_user, pro_profile):
        assert_error(client_for(pro_user).post(CREATE, profile_payload(), format="json"), 400)
        assert ProProfile.objects.filter(user=pro_user).count() == 1

    def test_unauthenticated_is_401(self, api_client, db):
        assert_error(api_client.post(CREATE, profile_payload(), format="json"), 401)

    @pytest.mark.parametrize("role", ["client", "admin"])
    def test_non_pros_are_403(self, client_for, account, role):
        assert_error(client_for(account(role, "nopro")).post(CREATE, profile_payload(), format="json"), 403)
        assert not ProProfile.objects.exists()

    @pytest.mark.parametrize("role", ["crew", "specialist"])
    def test_every_pro_role_may_create(self, client_for, account, role):
        assert client_for(account(role, "somepro")).post(CREATE, profile_payload(), format="json").status_code == 201


@pytest.mark.django_db
class TestProfileUpdate:
    def test_put_changes_only_the_given_fields(self, client_for, pro_user, pro_profile, electrical):
        response = client_for(pro_user).put(
            UPDATE, {"service_radius": 75, "service_categories": [electrical.pk]}, format="json"
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["service_radius"] == 75 and body["business_name"] == "Elite Plumbing Services"
        assert [c["name"] for c in body["service_categories"]] == ["Electrical"]
        pro_profile.refresh_from_db()
        assert (pro_profile.service_radius, pro_profile.years_of_experience) == (75, 10)

    def test_patch_too_and_categories_untouched_when_absent(self, client_for, pro_user, pro_profile, plumbing):
        response = client_for(pro_user).patch(UPDATE, {"business_name": "Elite Pipes"}, format="json")
        assert response.status_code == 200
        assert response.json()["business_name"] == "Elite Pipes"
        assert list(pro_profile.service_categories.all()) == [plumbing]

    def test_image_set_then_removed(self, client_for, pro_user, pro_profile):
        client = client_for(pro_user)
        response = client.put(UPDATE, {"profile_image": png()}, format="multipart")
        assert response.status_code == 200 and response.json()["profile_image"].endswith(".png")
        response = client.put(UPDATE, {"profile_image": None}, format="json")
        assert response.status_code == 200 and response.json()["profile_image"] is None

    @pytest.mark.parametrize(
        "fields",
        [
            {"business_name": ""},
            {"years_of_experience": "ten"},
            {"service_categories": [999999]},
            {"profile_image": "not a file"},
        ],
    )
    def test_validation_errors_are_400(self, client_for, pro_user, pro_profile, fields):
        assert_error(client_for(pro_user).put(UPDATE, fields, format="json"), 400)
        pro_profile.refresh_from_db()
        assert pro_profile.business_name == "Elite Plumbing Services"

    def test_bad_image_is_400(self, client_for, pro_user, pro_profile):
        bogus = SimpleUploadedFile("x.png", b"GIF89a nope", content_type="image/png")
        assert_error(client_for(pro_user).put(UPDATE, {"profile_image": bogus}, format="multipart"), 400)

    def test_pro_without_profile_is_404(self, client_for, pro_user, other_pro_profile):
        assert_error(client_for(pro_user).put(UPDATE, {"business_name": "Mine"}, format="json"), 404)
        other_pro_profile.refresh_from_db()
        assert other_pro_profile.business_name == "Spark Electric"  # never someone else's

    def test_only_own_profile_changes(self, client_for, pro_user, pro_profile, other_pro_profile):
        client_for(pro_user).put(UPDATE, {"business_name": "Renamed"}, format="json")
        other_pro_profile.refresh_from_db()
        assert other_pro_profile.business_name == "Spark Electric"

    def test_unauthenticated_is_401(self, api_client, db):
        assert_error(api_client.put(UPDATE, {"business_name": "x"}, format="json"), 401)

    def test_client_is_403(self, client_for, client_user):
        assert_error(client_for(client_user).put(UPDATE, {"business_name": "x"}, format="json"), 403)


# --- service categories ---------------------------------------------------------------------


@pytest.mark.django_db
def test_service_categories_are_a_public_plain_array(api_client):
    response = api_client.get(SERVICES)
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list) and len(body) == ServiceCategory.objects.count() > 0
    assert all(set(row) == {"id", "name", "description"} for row in body)
    assert [row["name"] for row in body] == sorted(row["name"] for row in body)


# --- portfolio ------------------------------------------------------------------------------


@pytest.mark.django_db
class TestPortfolio:
    def test_list_is_own_items_only(self, client_for, pro_user, pro_profile, other_pro_profile):
        PortfolioItem.objects.create(profile=pro_profile, title="Mine", completion_date="2024-01-10")
        PortfolioItem.objects.create(profile=other_pro_profile, title="Theirs")
        response = client_for(pro_user).get(PORTFOLIO)
        assert response.status_code == 200
        body = response.json()
        assert [row["title"] for row in body["results"]] == ["Mine"]
        assert set(body["results"][0]) == {"id", "title", "description", "image", "completion_date"}

    def test_pro_without_profile_gets_an_empty_list(self, client_for, pro_user, other_pro_profile):
        PortfolioItem.objects.create(profile=other_pro_profile, title="Theirs")
        body = client_for(pro_user).get(PORTFOLIO).json()
        assert body["count"] == 0 and body["results"] == []

    def test_list_query_count_is_flat(self, client_for, pro_user, pro_profile, django_assert_num_queries):
        for n in range(6):
            PortfolioItem.objects.create(profile=pro_profile, title=f"Job {n}")
        client = client_for(pro_user)
        with django_assert_num_queries(3) as small:  # the account, COUNT, the page
            client.get(PORTFOLIO + "?page_size=2")
        with django_assert_num_queries(len(small.captured_queries)):
            assert len(client.get(PORTFOLIO + "?page_size=6").json()["results"]) == 6

    def test_add_item_multipart(self, client_for, pro_user, pro_profile):
        data = {"title": "Kitchen", "description": "Custom cabinets", "completion_date": "2024-01-15", "image": png()}
        response = client_for(pro_user).post(PORTFOLIO, data, format="multipart")
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["title"], body["completion_date"]) == ("Kitchen", "2024-01-15")
        image = body["image"]
        assert image.startswith("http://testserver/media/alistpros/portfolio/") and image.endswith(".png")
        assert PortfolioItem.objects.get().profile == pro_profile

    def test_add_item_json_without_image(self, client_for, pro_user, pro_profile):
        response = client_for(pro_user).post(PORTFOLIO, {"title": "Deck"}, format="json")
        assert response.status_code == 201 and response.json()["image"] is None

    def test_future_completion_date_is_400(self, client_for, pro_user, pro_profile):
        tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
        body = assert_error(
            client_for(pro_user).post(PORTFOLIO, {"title": "Soon", "completion_date": tomorrow}, format="json"), 400
        )
        assert "completion_date" in body["details"]
        assert not PortfolioItem.objects.exists()

    @pytest.mark.parametrize(
        "data",
        [
            {"description": "no title"},
            {"title": "x", "completion_date": "someday"},
            {"title": "x", "image": SimpleUploadedFile("a.jpg", b"not an image", content_type="image/jpeg")},
        ],
    )
    def test_validation_errors_are_400(self, client_for, pro_user, pro_profile, data):
        assert_error(client_for(pro_user).post(PORTFOLIO, data, format="multipart"), 400)
        assert not PortfolioItem.objects.exists()

    def test_adding_without_profile_is_404(self, client_for, pro_user):
        assert_error(client_for(pro_user).post(PORTFOLIO, {"title": "x"}, format="json"), 404)

    def test_unauthenticated_is_401(self, api_client, db):
        assert_error(api_client.get(PORTFOLIO), 401)
        assert_error(api_client.post(PORTFOLIO, {"title": "x"}, format="json"), 401)

    def test_client_is_403(self, client_for, client_user):
        assert_error(client_for(client_user).get(PORTFOLIO), 403)
        assert_error(client_for(client_user).post(PORTFOLIO, {"title": "x"}, format="json"), 403)


# --- reviews --------------------------------------------------------------------------------


@pytest.mark.django_db
class TestReviews:
    def test_client_reviews_a_pro(self, client_for, client_user, pro_profile):
        response = client_for(client_user).post(
            reviews_url(pro_profile.pk), {"rating": 5, "comment": "Excellent service!"}, format="json"
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert set(body) == {"id", "client", "rating", "comment", "is_verified", "created_at"}
        assert body["client"] == {"id": client_user.pk, "name": "Carla Tester"}
        assert (body["rating"], body["comment"], body["is_verified"]) == (5, "Excellent service!", False)
        pro_profile.refresh_from_db()
        assert (pro_profile.total_reviews, pro_profile.rating_total, pro_profile.average_rating) == (1, 5, 5.0)

    def test_figures_follow_every_review(self, client_for, account, pro_profile, api_client):
        for n, rating in enumerate([5, 4, 4, 2]):
            client = client_for(account("client", f"rev{n}"))
            assert client.post(reviews_url(pro_profile.pk), {"rating": rating}, format="json").status_code == 201
        assert_figures_match_rows()
        item = api_client.get(f"{PROFILES}{pro_profile.pk}/").json()
        assert (item["total_reviews"], item["average_rating"], len(item["reviews"])) == (4, 3.8, 4)

    def test_completed_payment_verifies(self, client_for, client_user, pro_profile):
        Payment.objects.create(client=client_user, alistpro=pro_profile, amount=15000, status=PaymentStatus.COMPLETED)
        response = client_for(client_user).post(reviews_url(pro_profile.pk), {"rating": 4}, format="json")
        assert response.json()["is_verified"] is True

    def test_completed_appointment_verifies(self, client_for, client_user, pro_profile, plumbing):
        Appointment.objects.create(
            client=client_user, contractor=pro_profile, service_category=plumbing, appointment_date="2024-01-10",
            start_time="09:00", end_time="10:00", status=AppointmentStatus.COMPLETED,
        )  # fmt: skip
        response = client_for(client_user).post(reviews_url(pro_profile.pk), {"rating": 4}, format="json")
        assert response.json()["is_verified"] is True

    def test_unfinished_dealings_and_other_pros_do_not_verify(
        self, client_for, client_user, other_client, pro_profile, other_pro_profile, plumbing
    ):
        Payment.objects.create(client=client_user, alistpro=pro_profile, amount=100, status=PaymentStatus.PENDING)
        Payment.objects.create(client=client_user, alistpro=other_pro_profile, amount=100, status="completed")
        Payment.objects.create(client=other_client, alistpro=pro_profile, amount=100, status="completed")
        Appointment.objects.create(
            client=client_user, contractor=pro_profile, service_category=plumbing, appointment_date="2024-01-10",
            start_time="09:00", end_time="10:00", status=AppointmentStatus.CONFIRMED,
        )  # fmt: skip
        response = client_for(client_user).post(reviews_url(pro_profile.pk), {"rating": 4}, format="json")
        assert response.json()["is_verified"] is False

    @pytest.mark.parametrize("rating", [0, 6, -1, "five", None, 4.5])
    def test_rating_outside_1_to_5_is_400(self, client_for, client_user, pro_profile, rating):
        response = client_for(client_user).post(reviews_url(pro_profile.pk), {"rating": rating}, format="json")
        body = assert_error(response, 400)
        assert "rating" in body["details"]
        assert not Review.objects.exists()
        pro_profile.refresh_from_db()
        assert pro_profile.total_reviews == 0

    def test_second_review_is_409_and_not_counted(self, client_for, client_user, pro_profile):
        client = client_for(client_user)
        assert client.post(reviews_url(pro_profile.pk), {"rating": 5}, format="json").status_code == 201
        assert_error(client.post(reviews_url(pro_profile.pk), {"rating": 1}, format="json"), 409)
        pro_profile.refresh_from_db()
        assert (pro_profile.total_reviews, pro_profile.rating_total) == (1, 5)

    def test_unknown_pro_is_404(self, client_for, client_user, db):
        assert_error(client_for(client_user).post(reviews_url(999999), {"rating": 5}, format="json"), 404)

    def test_unauthenticated_is_401(self, api_client, pro_profile):
        assert_error(api_client.post(reviews_url(pro_profile.pk), {"rating": 5}, format="json"), 401)

    @pytest.mark.parametrize("role", ["contractor", "crew", "admin"])
    def test_non_clients_are_403(self, client_for, account, pro_profile, role):
        response = client_for(account(role, "reviewer")).post(reviews_url(pro_profile.pk), {"rating": 5}, format="json")
        assert_error(response, 403)
        assert not Review.objects.exists()
