"""The bench's raw-SQL floor (bench/floor) answers the JSON its endpoints answer, for the same demo rows."""

import asyncio
from urllib.parse import urlsplit

import orjson
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from psycopg.conninfo import make_conninfo

from bench.floor import PREFIX
from bench.floor.app import FloorApp
from core.accounts.tokens import token_pair_for_user

pytestmark = pytest.mark.django_db(transaction=True)
TOWNSPARK = "/townspark/api/v1"
GATHERHUB = "/gatherhub/api/v1"


@pytest.fixture
def floor(monkeypatch):
    """A call to the floor app on the test database: (status, parsed JSON)."""
    if connection.vendor != "postgresql":
        pytest.skip("the floor runs its SQL through psycopg: PostgreSQL only")
    monkeypatch.setenv("SECRET_KEY", settings.SIMPLE_JWT["SIGNING_KEY"])
    monkeypatch.delenv("JWT_SIGNING_KEY", raising=False)
    params = connection.settings_dict
    conninfo = make_conninfo(
        dbname=params["NAME"],
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
    )

    def call(method: str, url: str, token: str | None = None):
        parts = urlsplit(url)
        headers = [(b"host", b"testserver")] + ([(b"authorization", f"Bearer {token}".encode())] if token else [])
        scope = {
            "type": "http",
            "method": method,
            "path": PREFIX + parts.path,
            "query_string": parts.query.encode(),
            "headers": headers,
        }
        sent = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        async def run():
            app = FloorApp(conninfo)
            try:
                await app(scope, receive, send)
            finally:
                await app.close()

        asyncio.run(run())
        return sent[0]["status"], orjson.loads(sent[1]["body"])

    return call


def _without_timestamp(body: dict) -> dict:
    body.get("meta", {}).pop("timestamp", None)
    return body


def _same(floor, api_client, method: str, url: str, token: str | None = None) -> dict:
    """Asserts the floor and the endpoint answer the same status and JSON (the envelope's timestamp aside)."""
    if token:
        api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = getattr(api_client, method.lower())(url)
    api_client.credentials()
    status, body = floor(method, url, token)
    assert status == response.status_code == 200, response.content
    assert _without_timestamp(body) == _without_timestamp(response.json())
    return body


def _token(email: str) -> str:
    return token_pair_for_user(get_user_model().objects.get(realm="townspark", email=email)).access


def test_townspark_feed_detail_and_upvote_equal_the_endpoints(floor, api_client):
    from django.apps import apps

    from townspark.models import Issue, OfficialResponse
    from townspark.reference_data import reference_data_load

    reference_data_load(apps)  # an earlier transactional test may have flushed the data migration's rows
    call_command("seed_demo", "--product", "townspark", stdout=open("/dev/null", "w"))  # noqa: SIM115
    citizen = _token("citizen@townspark.demo")
    first = Issue.objects.order_by("-created_at", "-number").first()
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {citizen}")
    assert api_client.post(f"{TOWNSPARK}/issues/{first.pk}/upvote/").status_code == 200  # a flag to show
    api_client.credentials()

    anonymous = _same(floor, api_client, "GET", f"{TOWNSPARK}/issues/?page=1")
    assert len(anonymous["data"]["results"]) == 10 and anonymous["data"]["next"].endswith("?page=2")
    _same(floor, api_client, "GET", f"{TOWNSPARK}/issues/?page=2")
    mine = _same(floor, api_client, "GET", f"{TOWNSPARK}/issues/?page=1", citizen)
    assert mine["data"]["results"][0]["id"] == first.pk
    assert mine["data"]["results"][0]["is_upvoted"] != anonymous["data"]["results"][0]["is_upvoted"]

    detailed = [
        OfficialResponse.objects.order_by("issue_id").values_list("issue_id", flat=True).first(),
        Issue.objects.filter(is_anonymous=True).order_by("pk").values_list("pk", flat=True).first(),
        Issue.objects.filter(issue_images__isnull=False).order_by("pk").values_list("pk", flat=True).first(),
        first.pk,
    ]
    for pk in filter(None, detailed):
        _same(floor, api_client, "GET", f"{TOWNSPARK}/issues/{pk}/")
        _same(floor, api_client, "GET", f"{TOWNSPARK}/issues/{pk}/", citizen)
    assert floor("GET", f"{TOWNSPARK}/issues/TS-999999999/")[0] == 404
    assert floor("GET", f"{TOWNSPARK}/issues/?page=1", "not-a-token")[0] == 401
    _upvote_toggle_answers_and_counts_like_the_endpoint(floor, api_client, citizen)


def _upvote_toggle_answers_and_counts_like_the_endpoint(floor, api_client, citizen: str) -> None:
    """Part of the test above: seeding once serves both."""
    from townspark.models import Issue, Upvote

    issue = Issue.objects.exclude(upvote_records__user__email="citizen@townspark.demo").order_by("pk").first()
    url = f"{TOWNSPARK}/issues/{issue.pk}/upvote/"
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {citizen}")
    added, removed = api_client.post(url).json(), api_client.post(url).json()
    for expected in (added, removed):
        status, body = floor("POST", url, citizen)
        assert status == 200
        assert _without_timestamp(body) == _without_timestamp(expected)
    issue.refresh_from_db()
    assert issue.upvote_count == Upvote.objects.filter(issue=issue).count() == removed["data"]["upvotes"]
    assert floor("POST", url)[0] == 401


def test_gatherhub_event_detail_equals_the_endpoint(floor, api_client, make_account):
    from gatherhub.models import Event

    call_command("seed_demo", "--product", "gatherhub", stdout=open("/dev/null", "w"))  # noqa: SIM115
    event = Event.objects.order_by("-current_participants", "id").first()
    users = get_user_model().objects.filter(realm="gatherhub")
    member = token_pair_for_user(users.get(gatherhub_participations__event=event, pk=event.creator_id)).access
    outsider = token_pair_for_user(make_account("gatherhub")).access
    body = _same(floor, api_client, "GET", f"{GATHERHUB}/events/{event.pk}/", member)
    assert body["participants"] and body["tasks"]
    assert _same(floor, api_client, "GET", f"{GATHERHUB}/events/{event.pk}/", outsider)["tasks"] == []
    assert floor("GET", f"{GATHERHUB}/events/{event.pk}/")[0] == 401
