"""users/: the admin list, one account (full or public), update, deactivate, identity verification, me/stats/."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from parking.models import Booking, BookingStatus, Listing, ParkingProfile, PaymentStatus
from parking.tests.conftest import API, assert_error, make_listing

USERS = API + "users/"

pytestmark = pytest.mark.django_db


def url(user) -> str:
    return f"{USERS}{user.pk}/"


# --- list -----------------------------------------------------------------------------------------


def test_list_is_admin_only(api_client, client_for, seeker, host):
    assert_error(api_client.get(USERS), 401, "AUTHENTICATION_REQUIRED")
    assert_error(client_for(seeker).get(USERS), 403, "PERMISSION_DENIED")
    assert_error(client_for(host).get(USERS), 403, "PERMISSION_DENIED")


def test_list_pages_every_parking_account(client_for, admin, seeker, host, both, make_account):
    make_account("alistpros", email="elsewhere@example.com", role="client")
    body = client_for(admin).get(USERS).json()
    assert body["status"] == "success"
    data = body["data"]
    assert data["count"] == 4 and {"results", "next", "previous"} <= set(data)
    assert {row["email"] for row in data["results"]} == {u.email for u in (admin, seeker, host, both)}


def test_list_filters_and_rejects_unknown_user_type(client_for, admin, seeker, host, both):
    data = client_for(admin).get(USERS, {"user_type": "HOST"}).json()["data"]
    assert [row["id"] for row in data["results"]] == [host.pk]
    assert_error(client_for(admin).get(USERS, {"user_type": "PILOT"}), 400, "VALIDATION_ERROR")


def test_list_query_count_is_flat_in_page_size(client_for, admin, parking_account):
    client = client_for(admin)
    for n in range(12):
        account = parking_account("HOST", f"host{n}")
        if n % 2:
            ParkingProfile.objects.create(user=account, first_name=f"H{n}")
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(USERS, {"page_size": size})
        assert response.status_code == 200
        assert len(response.json()["data"]["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


# --- detail ---------------------------------------------------------------------------------------


def test_detail_full_for_self_and_admin(client_for, seeker, admin):
    for viewer in (seeker, admin):
        data = client_for(viewer).get(url(seeker)).json()["data"]
        assert data["email"] == seeker.email and data["id"] == seeker.pk
        assert "phone_number" in data


def test_detail_public_subset_for_others(client_for, seeker, host):
    response = client_for(seeker).get(url(host))
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["id"] == host.pk and data["user_type"] == "HOST" and data["can_host"] is True
    assert not {"email", "phone_number", "last_login", "is_active"} & set(data)


def test_detail_needs_authentication(api_client, host):
    assert_error(api_client.get(url(host)), 401, "AUTHENTICATION_REQUIRED")


def test_detail_not_found_and_other_products_accounts(client_for, seeker, make_account):
    assert_error(client_for(seeker).get(f"{USERS}999999/"), 404, "NOT_FOUND")
    other = make_account("alistpros", email="elsewhere@example.com", role="client")
    assert_error(client_for(seeker).get(url(other)), 404, "NOT_FOUND")


# --- update ---------------------------------------------------------------------------------------


def test_update_self_and_admin(client_for, seeker, admin):
    response = client_for(seeker).put(url(seeker), {"first_name": "Sue", "user_type": "BOTH"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["data"]["user_type"] == "BOTH"
    response = client_for(admin).patch(url(seeker), {"last_name": "Admin-set"}, format="json")
    assert response.status_code == 200, response.content
    seeker.refresh_from_db()
    assert (seeker.name, seeker.role) == ("Sue Admin-set", "BOTH")


def test_update_another_account_is_forbidden(client_for, seeker, host):
    assert_error(client_for(seeker).put(url(host), {"first_name": "Hacked"}, format="json"), 403, "PERMISSION_DENIED")
    assert_error(client_for(seeker).patch(url(host), {"user_type": "SEEKER"}, format="json"), 403)
    host.refresh_from_db()
    assert (host.name, host.role) == ("Host Tester", "HOST")


def test_update_validation_unauthenticated_and_not_found(api_client, client_for, seeker):
    assert_error(client_for(seeker).put(url(seeker), {"user_type": "ADMIN"}, format="json"), 400, "VALIDATION_ERROR")
    assert_error(api_client.put(url(seeker), {"first_name": "X"}, format="json"), 401)
    assert_error(client_for(seeker).put(f"{USERS}999999/", {"first_name": "X"}, format="json"), 404)


# --- delete (deactivate) ----------------------------------------------------------------------------


def test_delete_self_deactivates_and_revokes_tokens(api_client, client_for, seeker):
    login = api_client.post(API + "auth/login/", {"email": seeker.email, "password": "Sup3r-secret-pass!"})
    refresh = login.json()["data"]["refresh"]
    client = client_for(seeker)
    assert client.delete(url(seeker)).status_code == 204
    seeker.refresh_from_db()
    assert seeker.is_active is False  # kept, not deleted: its history stays
    assert_error(api_client.post(API + "auth/token/refresh/", {"refresh": refresh}, format="json"), 401)
    assert_error(client.get(API + "auth/user/"), 401)
    login = api_client.post(API + "auth/login/", {"email": seeker.email, "password": "Sup3r-secret-pass!"})
    assert_error(login, 400)


def test_deactivated_account_is_404_to_others_but_not_to_admins(client_for, admin, seeker, host):
    assert client_for(admin).delete(url(host)).status_code == 204
    assert_error(client_for(seeker).get(url(host)), 404, "NOT_FOUND")
    data = client_for(admin).get(url(host)).json()["data"]
    assert data["is_active"] is False


def test_delete_forbidden_unauthenticated_not_found(api_client, client_for, seeker, host):
    assert_error(client_for(seeker).delete(url(host)), 403, "PERMISSION_DENIED")
    host.refresh_from_db()
    assert host.is_active
    assert_error(api_client.delete(url(host)), 401)
    assert_error(client_for(seeker).delete(f"{USERS}999999/"), 404)


# --- verify ---------------------------------------------------------------------------------------------


def test_admin_verifies_identity_once(client_for, admin, host):
    response = client_for(admin).post(url(host) + "verify/")
    assert response.status_code == 200, response.content
    data = response.json()["data"]
    assert data["is_verified"] is True and data["identity_verified_at"]
    profile = ParkingProfile.objects.get(user=host)
    assert profile.verified_by == admin
    again = client_for(admin).post(url(host) + "verify/").json()["data"]
    assert again["identity_verified_at"] == data["identity_verified_at"]
    # Others see the verification in the public part.
    assert client_for(host).get(url(host)).json()["data"]["is_verified"] is True


def test_verify_is_admin_only(api_client, client_for, seeker, host):
    assert_error(api_client.post(url(host) + "verify/"), 401)
    assert_error(client_for(seeker).post(url(host) + "verify/"), 403, "PERMISSION_DENIED")
    assert_error(client_for(host).post(url(host) + "verify/"), 403, "PERMISSION_DENIED")
    assert not ParkingProfile.objects.filter(user=host, identity_verified_at__isnull=False).exists()


def test_verify_not_found(client_for, admin):
    assert_error(client_for(admin).post(f"{USERS}999999/verify/"), 404, "NOT_FOUND")


# --- me/stats/ ----------------------------------------------------------------------------------------------


def test_stats_give_what_is_known_today(client_for, both):
    data = client_for(both).get(USERS + "me/stats/").json()["data"]
    assert data["user_type"] == "BOTH" and data["can_host"] and data["can_book"]
    assert data["is_verified"] is False and data["member_since"]
    assert (data["listings"], data["bookings_made"], data["bookings_hosted"], data["earnings"]) == (0, 0, 0, "0.00")
    assert (data["reviews_received"], data["average_rating"]) == (0, None)  # no review is not a zero rating


def test_stats_count_bookings_and_earnings_from_the_data(client_for, both, host, seeker):
    mine, deleted, theirs = make_listing(both), make_listing(both), make_listing(host)
    deleted.deleted_at = timezone.now()
    deleted.save(update_fields=["deleted_at"])
    start = timezone.now() - timedelta(days=3)

    def book(listing, guest, status, paid, price):
        Booking.objects.create(
            listing=listing,
            guest=guest,
            start_time=start,
            end_time=start + timedelta(hours=2),
            status=status,
            payment_status=PaymentStatus.PAID if paid else PaymentStatus.UNPAID,
            total_price=price,
        )

    book(mine, seeker, BookingStatus.COMPLETED, True, 1250)
    book(mine, seeker, BookingStatus.COMPLETED, False, 900)  # not paid: not earned
    book(mine, seeker, BookingStatus.CONFIRMED, True, 700)  # not completed yet
    book(deleted, seeker, BookingStatus.COMPLETED, True, 500)  # a deleted listing's bookings still count
    book(theirs, both, BookingStatus.CANCELLED, False, 300)  # as a guest
    data = client_for(both).get(USERS + "me/stats/").json()["data"]
    assert (data["listings"], data["bookings_hosted"], data["bookings_made"]) == (1, 4, 1)
    assert data["earnings"] == "17.50"
    Listing.objects.filter(pk=mine.pk).update(rating_total=9, review_count=2)  # kept by the reviews services
    Listing.objects.filter(pk=deleted.pk).update(rating_total=1, review_count=1)  # a deleted listing: not shown
    data = client_for(both).get(USERS + "me/stats/").json()["data"]
    assert (data["reviews_received"], data["average_rating"]) == (2, 4.5)


def test_stats_need_authentication(api_client):
    assert_error(api_client.get(USERS + "me/stats/"), 401, "AUTHENTICATION_REQUIRED")
