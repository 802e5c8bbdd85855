"""JSON nested past core.api.parsers.MAX_JSON_DEPTH is a 400 in the product's error format, never a 500."""

import inspect
import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework import parsers

from core.api.parsers import MAX_JSON_DEPTH, JSONParser, nested_deeper_than
from core.tests.test_envelopes import assert_error_shape
from tests.endpoints import ECHO, LOGINS


@pytest.mark.parametrize("product", LOGINS)
def test_json_nested_a_thousand_levels_is_a_400_on_login(client, product):
    body = "[" * 1000 + "]" * 1000  # 2 KB, no login needed: a RecursionError (500) before
    response = client.post(LOGINS[product], data=body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert_error_shape(product, response.json(), 400)


@pytest.mark.parametrize("product", ECHO)
def test_json_nested_past_the_limit_is_a_400_in_every_product(client, product):
    deep = {"name": "x", "count": 1, "extra": json.loads("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)}
    response = client.post(ECHO[product], data=json.dumps(deep), content_type="application/json")
    assert response.status_code == 400, response.content
    assert_error_shape(product, response.json(), 400)


def test_json_nested_within_the_limit_is_parsed(client):
    body = {"name": "x", "count": 1, "extra": json.loads("[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1))}
    response = client.post(ECHO["townspark"], data=json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content


def test_depth_counts_objects_and_lists():
    assert not nested_deeper_than({"a": [{"b": 1}]}, 3)
    assert nested_deeper_than({"a": [{"b": []}]}, 3)
    assert not nested_deeper_than("scalar", 0)


def _views(resolver=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry)
        elif isinstance(entry, URLPattern):
            yield getattr(entry.callback, "cls", None) or getattr(entry.callback, "view_class", None)


def test_no_api_view_parses_json_with_drfs_unguarded_parser():
    offenders = {
        f"{view.__module__}.{view.__qualname__}"
        for view in _views()
        if inspect.isclass(view)
        for parser in getattr(view, "parser_classes", ())
        if parser is parsers.JSONParser
    }
    assert not offenders, f"use core.api.parsers.JSONParser in {sorted(offenders)}"
    assert JSONParser in next(v for v in _views() if getattr(v, "parser_classes", None)).parser_classes
