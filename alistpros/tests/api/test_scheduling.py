"""Appointments API: booking, visibility, details and status transitions, overlaps (races on PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alistpros.models import Appointment, AppointmentStatus, ProProfile, ServiceCategory
from alistpros.tests.conftest import API, assert_error

pytestmark = pytest.mark.django_db

APPOINTMENTS = API + "scheduling/appointments/"
Status = AppointmentStatus


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def booking(profile, category, **fields) -> dict:
    return {
        "contractor": profile.pk,
        "service_category": category.pk,
        "appointment_date": in_days(7),
        "start_time": "09:00:00",
        "end_time": "11:00:00",
        "notes": "Kitchen faucet repair",
        "location": "123 Main St",
        "estimated_cost": "150.00",
        **fields,
    }


def detail(appointment_id: int) -> str:
    return f"{APPOINTMENTS}{appointment_id}/"


@pytest.fixture
def make_appointment(plumbing):
    """make_appointment(client, profile, status=..., days=7, start="09:00", end="11:00") straight in the database."""

    def make(client, profile, *, status=Status.REQUESTED, days=7, start="09:00", end="11:00", category=None):
        return Appointment.objects.create(
            client=client,
            contractor=profile,
            service_category=category or plumbing,
            appointment_date=timezone.localdate() + timedelta(days=days),
            start_time=start,
            end_time=end,
            status=status,
        )

    return make


class TestCreate:
    def test_the_request_writes_its_row_in_at_most_six_queries(self, client_for, client_user, pro_profile, plumbing):
        """Issue #16: a hot write's request path does its own row changes, at most 6 queries."""
        client = client_for(client_user)
        with CaptureQueriesContext(connection) as queries:
            response = client.post(APPOINTMENTS, booking(pro_profile, plumbing), format="json")
        assert response.status_code == 201, response.content
        transaction_control = ("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT")
        statements = [
            query["sql"] for query in queries.captured_queries if not query["sql"].startswith(transaction_control)
        ]
        assert len(statements) <= 6, "\n".join(statements)

    def test_client_books_a_requested_appointment_in_the_documented_shape(
        self, client_for, client_user, pro_profile, plumbing
    ):
        response = client_for(client_user).post(APPOINTMENTS, booking(pro_profile, plumbing), format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body == {
            "id": body["id"],
            "client": {"id": client_user.pk, "name": "Carla Tester"},
            "contractor": {"id": pro_profile.pk, "business_name": "Elite Plumbing Services"},
            "service_category": {"id": plumbing.pk, "name": "Plumbing"},
            "appointment_date": in_days(7),
            "start_time": "09:00:00",
            "end_time": "11:00:00",
            "status": "REQUESTED",
            "notes": "Kitchen faucet repair",
            "location": "123 Main St",
            "estimated_cost": "150.00",
            "created_at": body["created_at"],
        }
        appointment = Appointment.objects.get(pk=body["id"])
        assert appointment.estimated_cost == 15000 and appointment.client == client_user

    def test_estimated_cost_is_optional(self, client_for, client_user, pro_profile, plumbing):
        data = booking(pro_profile, plumbing)
        del data["estimated_cost"], data["notes"], data["location"]
        response = client_for(client_user).post(APPOINTMENTS, data, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["estimated_cost"] is None

    def test_category_the_pro_does_not_offer_is_400(self, client_for, client_user, pro_profile):
        electrical = ServiceCategory.objects.exclude(name="Plumbing").first()
        response = client_for(client_user).post(APPOINTMENTS, booking(pro_profile, electrical), format="json")
        assert "service_category" in assert_error(response, 400)["details"]
        assert not Appointment.objects.exists()

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"end_time": "09:00:00"}, "end_time"),
            ({"end_time": "08:00:00"}, "end_time"),
            ({"appointment_date": "2020-01-01"}, "appointment_date"),
            ({"start_time": "25:00:00"}, "start_time"),
            ({"estimated_cost": "-5"}, "estimated_cost"),
            ({"estimated_cost": "1.005"}, "estimated_cost"),
            ({"contractor": 10**30}, "contractor"),
            ({"contractor": True}, "contractor"),
            ({"service_category": None}, "service_category"),
        ],
    )
    def test_invalid_body_is_400_on_the_field(self, client_for, client_user, pro_profile, plumbing, fields, field):
        response = client_for(client_user).post(APPOINTMENTS, booking(pro_profile, plumbing, **fields), format="json")
        assert field in assert_error(response, 400)["details"]
        assert not Appointment.objects.exists()

    def test_earlier_today_is_in_the_past(self, client_for, client_user, pro_profile, plumbing):
        today = timezone.localdate().isoformat()
        data = booking(pro_profile, plumbing, appointment_date=today, start_time="00:00:00", end_time="00:00:01")
        response = client_for(client_user).post(APPOINTMENTS, data, format="json")
        assert "appointment_date" in assert_error(response, 400)["details"]

    def test_unauthenticated_is_401(self, api_client, pro_profile, plumbing):
        assert_error(api_client.post(APPOINTMENTS, booking(pro_profile, plumbing), format="json"), 401)

    @pytest.mark.parametrize("user", ["pro_user", "admin_user"])
    def test_only_clients_book(self, request, client_for, pro_profile, plumbing, user):
        response = client_for(request.getfixturevalue(user)).post(
            APPOINTMENTS, booking(pro_profile, plumbing), format="json"
        )
        assert_error(response, 403)
        assert not Appointment.objects.exists()

    @pytest.mark.parametrize("status", [Status.REQUESTED, Status.PENDING, Status.CONFIRMED, Status.RESCHEDULED])
    @pytest.mark.parametrize(
        ("start", "end"),
        [("08:00:00", "09:30:00"), ("10:30:00", "12:00:00"), ("09:30:00", "10:00:00"), ("08:00:00", "12:00:00")],
    )
    def test_overlapping_a_held_slot_is_409(
        self, client_for, client_user, other_client, pro_profile, plumbing, make_appointment, status, start, end
    ):
        make_appointment(other_client, pro_profile, status=status)
        response = client_for(client_user).post(
            APPOINTMENTS, booking(pro_profile, plumbing, start_time=start, end_time=end), format="json"
        )
        assert "start_time" in assert_error(response, 409)["details"]
        assert Appointment.objects.count() == 1

    @pytest.mark.parametrize("status", [Status.CANCELLED, Status.COMPLETED])
    def test_closed_appointments_free_their_slot(
        self, client_for, client_user, other_client, pro_profile, plumbing, make_appointment, status
    ):
        make_appointment(other_client, pro_profile, status=status)
        response = client_for(client_user).post(APPOINTMENTS, booking(pro_profile, plumbing), format="json")
        assert response.status_code == 201, response.content

    def test_back_to_back_other_days_and_other_pros_do_not_overlap(
        self, client_for, client_user, other_client, pro_profile, other_pro_profile, plumbing, make_appointment
    ):
        make_appointment(other_client, pro_profile, status=Status.CONFIRMED)
        other_pro_profile.service_categories.add(plumbing)
        client = client_for(client_user)
        for data in (
            booking(pro_profile, plumbing, start_time="11:00:00", end_time="12:00:00"),
            booking(pro_profile, plumbing, start_time="07:00:00", end_time="09:00:00"),
            booking(pro_profile, plumbing, appointment_date=in_days(8)),
            booking(other_pro_profile, plumbing),
        ):
            assert client.post(APPOINTMENTS, data, format="json").status_code == 201


class TestList:
    def test_each_party_sees_their_own_and_admins_all(
        self,
        client_for,
        client_user,
        other_client,
        pro_user,
        other_pro_profile,
        pro_profile,
        admin_user,
        make_appointment,
        plumbing,
    ):
        mine = make_appointment(client_user, pro_profile)
        theirs = make_appointment(other_client, other_pro_profile, days=8)
        assert [a["id"] for a in client_for(client_user).get(APPOINTMENTS).json()["results"]] == [mine.pk]
        assert [a["id"] for a in client_for(pro_user).get(APPOINTMENTS).json()["results"]] == [mine.pk]
        assert [a["id"] for a in client_for(other_client).get(APPOINTMENTS).json()["results"]] == [theirs.pk]
        body = client_for(admin_user).get(APPOINTMENTS).json()
        assert body["count"] == 2 and {a["id"] for a in body["results"]} == {mine.pk, theirs.pk}
        assert set(body) == {"count", "next", "previous", "results"}

    def test_filters_by_status_and_dates(self, client_for, client_user, pro_profile, make_appointment):
        soon = make_appointment(client_user, pro_profile, days=2, status=Status.CONFIRMED)
        later = make_appointment(client_user, pro_profile, days=9)
        client = client_for(client_user)

        def ids(query):
            response = client.get(APPOINTMENTS + query)
            assert response.status_code == 200, response.content
            return [a["id"] for a in response.json()["results"]]

        assert ids("?status=CONFIRMED") == [soon.pk]
        assert ids(f"?date_from={in_days(3)}") == [later.pk]
        assert ids(f"?date_to={in_days(2)}") == [soon.pk]
        assert ids(f"?date_from={in_days(2)}&date_to={in_days(9)}") == [later.pk, soon.pk]

    @pytest.mark.parametrize(
        "query", ["?status=NOPE", "?date_from=tomorrow", "?date_from=2030-01-02&date_to=2030-01-01"]
    )
    def test_bad_filters_are_400(self, client_for, client_user, query):
        assert_error(client_for(client_user).get(APPOINTMENTS + query), 400)

    def test_unauthenticated_is_401(self, api_client):
        assert_error(api_client.get(APPOINTMENTS), 401)

    def test_query_count_is_flat_in_page_size(self, client_for, account, pro_profile, make_appointment):
        pro = pro_profile.user
        for index in range(12):
            make_appointment(account("client", f"client{index}"), pro_profile, days=index + 1)
        client = client_for(pro)
        counts = []
        for size in (2, 12):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(APPOINTMENTS + f"?page_size={size}")
            assert len(response.json()["results"]) == size
            counts.append(len(queries.captured_queries))
        assert counts[0] == counts[1]


class TestDetail:
    def test_participants_and_admins_see_it(
        self, client_for, client_user, pro_user, admin_user, pro_profile, make_appointment
    ):
        appointment = make_appointment(client_user, pro_profile)
        for user in (client_user, pro_user, admin_user):
            response = client_for(user).get(detail(appointment.pk))
            assert response.status_code == 200 and response.json()["id"] == appointment.pk

    def test_others_get_404_without_its_content(
        self, client_for, other_client, other_pro_user, other_pro_profile, client_user, pro_profile, make_appointment
    ):
        appointment = make_appointment(client_user, pro_profile)
        for user in (other_client, other_pro_user):
            body = assert_error(client_for(user).get(detail(appointment.pk)), 404)
            assert "Elite" not in str(body)
            body = assert_error(client_for(user).patch(detail(appointment.pk), {"notes": "x"}, format="json"), 404)
        assert Appointment.objects.get(pk=appointment.pk).notes == ""

    def test_unknown_and_huge_ids_are_404(self, client_for, client_user):
        assert_error(client_for(client_user).get(detail(999999)), 404)
        assert_error(client_for(client_user).patch(detail(10**30), {"notes": "x"}, format="json"), 404)

    def test_unauthenticated_is_401(self, api_client, client_user, pro_profile, make_appointment):
        appointment = make_appointment(client_user, pro_profile)
        assert_error(api_client.get(detail(appointment.pk)), 401)
        assert_error(api_client.patch(detail(appointment.pk), {"notes": "x"}, format="json"), 401)


class TestUpdate:
    def test_details_change(self, client_for, client_user, pro_profile, make_appointment):
        appointment = make_appointment(client_user, pro_profile)
        response = client_for(client_user).patch(
            detail(appointment.pk),
            {"notes": "Will need parts", "location": "Back door", "estimated_cost": "99.5"},
            format="json",
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["notes"], body["location"], body["estimated_cost"], body["status"]) == (
            "Will need parts",
            "Back door",
            "99.50",
            "REQUESTED",
        )
        response = client_for(client_user).patch(detail(appointment.pk), {"estimated_cost": None}, format="json")
        assert response.json()["estimated_cost"] is None

    def test_pro_confirms_then_completes(self, client_for, client_user, pro_user, pro_profile, make_appointment):
        appointment = make_appointment(client_user, pro_profile)
        pro = client_for(pro_user)
        response = pro.patch(detail(appointment.pk), {"status": "CONFIRMED", "notes": "Bring parts"}, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "CONFIRMED" and response.json()["notes"] == "Bring parts"
        assert pro.patch(detail(appointment.pk), {"status": "COMPLETED"}, format="json").json()["status"] == "COMPLETED"
        assert Appointment.objects.get(pk=appointment.pk).status == Status.COMPLETED

    def test_admin_confirms(self, client_for, admin_user, client_user, pro_profile, make_appointment):
        appointment = make_appointment(client_user, pro_profile, status=Status.PENDING)
        response = client_for(admin_user).patch(detail(appointment.pk), {"status": "CONFIRMED"}, format="json")
        assert response.status_code == 200 and response.json()["status"] == "CONFIRMED"

    @pytest.mark.parametrize("target", ["CONFIRMED", "COMPLETED"])
    def test_client_cannot_confirm_or_complete(self, client_for, client_user, pro_profile, make_appointment, target):
        appointment = make_appointment(
            client_user, pro_profile, status=Status.CONFIRMED if target == "COMPLETED" else Status.REQUESTED
        )
        before = appointment.status
        assert_error(client_for(client_user).patch(detail(appointment.pk), {"status": target}, format="json"), 403)
        assert Appointment.objects.get(pk=appointment.pk).status == before

    @pytest.mark.parametrize("user", ["client_user", "pro_user"])
    @pytest.mark.parametrize("status", [Status.REQUESTED, Status.PENDING, Status.CONFIRMED, Status.RESCHEDULED])
    def test_either_participant_cancels(
        self, request, client_for, client_user, pro_profile, make_appointment, user, status
    ):
        appointment = make_appointment(client_user, pro_profile, status=status)
        response = client_for(request.getfixturevalue(user)).patch(
            detail(appointment.pk), {"status": "CANCELLED"}, format="json"
        )
        assert response.status_code == 200 and response.json()["status"] == "CANCELLED"

    @pytest.mark.parametrize(
        ("current", "target"),
        [
            (Status.COMPLETED, "CANCELLED"),
            (Status.COMPLETED, "CONFIRMED"),
            (Status.CANCELLED, "CONFIRMED"),
            (Status.CANCELLED, "REQUESTED"),
            (Status.REQUESTED, "COMPLETED"),
            (Status.CONFIRMED, "PENDING"),
            (Status.CONFIRMED, "REQUESTED"),
            (Status.CONFIRMED, "RESCHEDULED"),  # without new times
            (Status.REQUESTED, "RESCHEDULED"),
        ],
    )
    def test_transitions_the_booking_rules_refuse_are_400_on_status(
        self, client_for, client_user, pro_user, pro_profile, make_appointment, current, target
    ):
        appointment = make_appointment(client_user, pro_profile, status=current)
        response = client_for(pro_user).patch(detail(appointment.pk), {"status": target}, format="json")
        assert "status" in assert_error(response, 400)["details"]
        assert Appointment.objects.get(pk=appointment.pk).status == current

    def test_unknown_status_is_400(self, client_for, client_user, pro_profile, make_appointment):
        appointment = make_appointment(client_user, pro_profile)
        response = client_for(client_user).patch(detail(appointment.pk), {"status": "DONE"}, format="json")
        assert "status" in assert_error(response, 400)["details"]

    def test_new_times_of_a_confirmed_appointment_make_it_rescheduled(
        self, client_for, client_user, pro_user, pro_profile, make_appointment
    ):
        appointment = make_appointment(client_user, pro_profile, status=Status.CONFIRMED)
        response = client_for(client_user).patch(
            detail(appointment.pk),
            {"appointment_date": in_days(10), "start_time": "13:00:00", "end_time": "14:00:00"},
            format="json",
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["status"], body["appointment_date"], body["start_time"]) == (
            "RESCHEDULED",
            in_days(10),
            "13:00:00",
        )
        response = client_for(pro_user).patch(detail(appointment.pk), {"status": "CONFIRMED"}, format="json")
        assert response.json()["status"] == "CONFIRMED"

    def test_new_times_of_a_request_keep_it_requested(self, client_for, client_user, pro_profile, make_appointment):
        appointment = make_appointment(client_user, pro_profile)
        response = client_for(client_user).patch(detail(appointment.pk), {"end_time": "12:00:00"}, format="json")
        assert response.status_code == 200 and response.json()["status"] == "REQUESTED"
        assert response.json()["end_time"] == "12:00:00"

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"end_time": "08:00:00"}, "end_time"),
            ({"start_time": "11:00:00"}, "end_time"),
            ({"appointment_date": "2020-01-01"}, "appointment_date"),
        ],
    )
    def test_new_times_are_validated(self, client_for, client_user, pro_profile, make_appointment, fields, field):
        appointment = make_appointment(client_user, pro_profile)
        response = client_for(client_user).patch(detail(appointment.pk), fields, format="json")
        assert field in assert_error(response, 400)["details"]
        assert str(Appointment.objects.get(pk=appointment.pk).end_time) == "11:00:00"

    @pytest.mark.parametrize("status", [Status.COMPLETED, Status.CANCELLED])
    def test_closed_appointments_cannot_move(self, client_for, client_user, pro_profile, make_appointment, status):
        appointment = make_appointment(client_user, pro_profile, status=status)
        response = client_for(client_user).patch(detail(appointment.pk), {"end_time": "12:00:00"}, format="json")
        assert "status" in assert_error(response, 400)["details"]

    def test_moving_onto_a_held_slot_is_409(self, client_for, client_user, other_client, pro_profile, make_appointment):
        make_appointment(other_client, pro_profile, start="13:00", end="15:00")
        appointment = make_appointment(client_user, pro_profile, status=Status.CONFIRMED)
        response = client_for(client_user).patch(
            detail(appointment.pk), {"start_time": "12:00:00", "end_time": "14:00:00"}, format="json"
        )
        assert_error(response, 409)
        appointment.refresh_from_db()
        assert (str(appointment.start_time), appointment.status) == ("09:00:00", Status.CONFIRMED)

    def test_moving_within_its_own_slot_is_fine(self, client_for, client_user, pro_profile, make_appointment):
        appointment = make_appointment(client_user, pro_profile)
        response = client_for(client_user).patch(detail(appointment.pk), {"start_time": "10:00:00"}, format="json")
        assert response.status_code == 200, response.content

    def test_confirming_over_another_confirmed_appointment_is_409(
        self, client_for, client_user, other_client, pro_user, pro_profile, make_appointment
    ):
        # Overlaps can exist from before the booking rules (admin, imports): confirming must not double-book.
        make_appointment(other_client, pro_profile, status=Status.CONFIRMED)
        appointment = make_appointment(client_user, pro_profile, start="10:00", end="12:00")
        assert_error(client_for(pro_user).patch(detail(appointment.pk), {"status": "CONFIRMED"}, format="json"), 409)
        assert Appointment.objects.get(pk=appointment.pk).status == Status.REQUESTED

    def test_put_is_not_allowed(self, client_for, client_user, pro_profile, make_appointment):
        appointment = make_appointment(client_user, pro_profile)
        assert_error(client_for(client_user).put(detail(appointment.pk), {}, format="json"), 405)


# --- Races (PostgreSQL) -------------------------------------------------------------

RACERS = 8


def _race_setup(account):
    """Rows made here, not by fixtures: a transactional test starts with the seeded categories flushed."""
    category, _ = ServiceCategory.objects.get_or_create(name="Plumbing")
    pro = account("contractor", "racepro")
    profile = ProProfile.objects.create(user=pro, business_name="Race Plumbing")
    profile.service_categories.add(category)
    return pro, profile, category


def _run_at_once(calls):
    start = threading.Barrier(len(calls))

    def run(call):
        try:
            start.wait()
            return call()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_exactly_one_wins(account, client_for):
    _, profile, category = _race_setup(account)
    clients = [client_for(account("client", f"racer{index}")) for index in range(RACERS)]
    # Different but overlapping times: a unique constraint could not decide this, only the lock can.
    calls = [
        (
            lambda c=c, i=i: (
                c.post(
                    APPOINTMENTS,
                    booking(profile, category, start_time=f"{9 + i % 2}:00:00", end_time=f"{11 + i % 2}:00:00"),
                    format="json",
                ).status_code
            )
        )
        for i, c in enumerate(clients)
    ]
    statuses = _run_at_once(calls)
    assert sorted(statuses) == [201] + [409] * (RACERS - 1)
    assert Appointment.objects.filter(contractor=profile).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_confirmations_of_overlapping_requests_confirm_one(account, client_for):
    pro, profile, category = _race_setup(account)
    day = timezone.localdate() + timedelta(days=5)
    # Overlapping requests can only exist from before the booking rules; the confirm check is what is raced.
    requests = [
        Appointment.objects.create(
            client=account("client", f"asker{index}"),
            contractor=profile,
            service_category=category,
            appointment_date=day,
            start_time="09:00",
            end_time="11:00",
        )
        for index in range(RACERS)
    ]
    pro_client = client_for(pro)
    calls = [
        (lambda a=a: pro_client.patch(detail(a.pk), {"status": "CONFIRMED"}, format="json").status_code)
        for a in requests
    ]
    statuses = _run_at_once(calls)
    assert sorted(statuses) == [200] + [409] * (RACERS - 1)
    assert Appointment.objects.filter(status=Status.CONFIRMED).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_cancel_and_complete_end_in_one_consistent_status(account, client_for):
    pro, profile, category = _race_setup(account)
    client_user = account("client", "canceller")
    appointment = Appointment.objects.create(
        client=client_user,
        contractor=profile,
        service_category=category,
        status=Status.CONFIRMED,
        appointment_date=timezone.localdate() + timedelta(days=5),
        start_time="09:00",
        end_time="11:00",
    )
    cancel = client_for(client_user)
    complete = client_for(pro)
    statuses = _run_at_once(
        [
            lambda: cancel.patch(detail(appointment.pk), {"status": "CANCELLED"}, format="json").status_code,
            lambda: complete.patch(detail(appointment.pk), {"status": "COMPLETED"}, format="json").status_code,
        ]
    )
    # The second to take the lock finds a closed appointment: one 200, one 400, never both applied.
    assert sorted(statuses) == [200, 400]
    assert Appointment.objects.get(pk=appointment.pk).status in (Status.CANCELLED, Status.COMPLETED)
