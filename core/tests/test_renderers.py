"""The envelope renderer writes JSON with orjson: the same bytes as DRF's JSONRenderer for what the API sends."""

import datetime
import decimal
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from core.api.renderers import EnvelopeRenderer

UTC = datetime.UTC
CASES = {
    "nested": {"a": [1, 2.5, True, None, "x"], "b": {"c": {"d": []}}, "é": "naïve ünïcode ✓"},
    "aware UTC datetime": {"at": datetime.datetime(2026, 11, 30, 19, 45, 20, 123456, tzinfo=UTC)},
    "aware non-UTC datetime": {"at": datetime.datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo("Asia/Kathmandu"))},
    "naive datetime, date, time": {
        "at": datetime.datetime(2026, 1, 2, 3, 4, 5),
        "day": datetime.date(2026, 1, 2),
        "time": datetime.time(9, 30),
    },
    "decimal, uuid, timedelta": {
        "price": decimal.Decimal("12.50"),
        "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "span": datetime.timedelta(hours=2),
    },
    "lazy string": {"message": gettext_lazy("Operation successful")},
    "integer keys": {1: "one", 2: "two"},
    "line and paragraph separators": {"text": "a\u2028b\u2029c"},
    "tuple and set": {"pair": (1, 2), "one": {3}},
    "DRF's return types": ReturnDict({"rows": ReturnList([{"id": 1}], serializer=None)}, serializer=None),
    "escapes": {"quote": 'say "hi"\n\t\\', "control": "\x00\x1f"},
    "integer past 64 bits": {"big": 2**70},
    "plain list": [1, "two", {"three": 3}],
}


@pytest.mark.parametrize("data", CASES.values(), ids=CASES.keys())
def test_the_bytes_are_drfs(data):
    assert EnvelopeRenderer().render(data, "application/json", {}) == JSONRenderer().render(
        data, "application/json", {}
    )


def test_an_indent_asked_for_is_drfs_indented_output():
    data = {"a": [1, {"b": 2}]}
    rendered = EnvelopeRenderer().render(data, "application/json; indent=2", {})
    assert rendered == JSONRenderer().render(data, "application/json; indent=2", {})
    assert b"\n  " in rendered


def test_an_unknown_type_still_fails_as_drfs_did():
    with pytest.raises(TypeError):
        EnvelopeRenderer().render({"x": object()}, "application/json", {})


def test_none_renders_no_body():
    assert EnvelopeRenderer().render(None, "application/json", {}) == b""


DATETIMES = [
    datetime.datetime(2026, 11, 30, 19, 45, 20, 123456, tzinfo=UTC),
    datetime.datetime(2026, 11, 30, 8, 0, tzinfo=ZoneInfo("Asia/Kathmandu")),
    datetime.datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Paris")),
    datetime.datetime(2026, 1, 2, 3, 4, 5),  # naive: made aware by the field
    None,
]


@pytest.mark.parametrize("zone", [None, "America/New_York"])
@pytest.mark.parametrize("value", DATETIMES, ids=str)
def test_datetime_text_is_what_the_declared_field_renders(value, zone):
    from django.utils import timezone
    from rest_framework import serializers

    from core.api.rendering import datetime_text

    with timezone.override(zone):
        declared = None if value is None else serializers.DateTimeField().to_representation(value)
        assert datetime_text(value) == declared


@pytest.mark.parametrize(
    "accept, query",
    [
        (None, ""),
        ("*/*", ""),
        ("application/json", ""),
        ("application/json; indent=2", ""),
        ("application/json, text/plain, */*", ""),
        ("text/html", ""),
        ("*/*", "?format=json"),
        ("*/*", "?format=xml"),
    ],
)
def test_negotiation_concludes_what_drfs_does(accept, query):
    from django.http import Http404
    from rest_framework.exceptions import NotAcceptable
    from rest_framework.negotiation import DefaultContentNegotiation
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from core.api.negotiation import ContentNegotiation

    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    request = Request(APIRequestFactory().get("/townspark/api/v1/issues/" + query, **headers))
    outcomes = []
    for negotiation in (ContentNegotiation(), DefaultContentNegotiation()):
        try:
            renderer, media_type = negotiation.select_renderer(request, [EnvelopeRenderer()])
            outcomes.append((type(renderer), media_type))
        except NotAcceptable:
            outcomes.append("406")
        except Http404:  # a ?format= no renderer writes
            outcomes.append("404")
    assert outcomes[0] == outcomes[1]
