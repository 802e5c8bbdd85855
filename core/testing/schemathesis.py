"""Run schemathesis over a product's OpenAPI schema in-process: no 5xx, and every response as documented."""

import contextlib
import time

import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@contextlib.contextmanager
def requests_share_the_test_connection():
    """Requests sent through the WSGI handler stay inside the test's transaction, as with Django's test client."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def check_schema_conformance(
    schema_path: str,
    *,
    token: str,
    positive: int,
    negative: int,
    min_operations: int,
    time_budget: float = 60,
    path_regex: str | None = None,
) -> None:
    """Generate `positive` valid and `negative` invalid requests per operation, each checked against the schema.

    `path_regex` restricts the run to the operations whose path matches (e.g. one area's routes).

    Deterministic (derandomized) so that a failure reproduces. Fails if the schema
    has fewer than `min_operations` operations or the run takes over twice the budget.
    """
    headers = {"Authorization": f"Bearer {token}"}
    examples = {schemathesis.GenerationMode.POSITIVE: positive, schemathesis.GenerationMode.NEGATIVE: negative}
    with requests_share_the_test_connection():
        schema = schemathesis.openapi.from_wsgi(schema_path, get_wsgi_application())
        if path_regex is not None:
            schema = schema.include(path_regex=path_regex)
        started = time.monotonic()
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= min_operations, f"only {len(operations)} operations in {schema_path}"
        for operation in operations:
            for mode, count in examples.items():

                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(
                    max_examples=count,
                    deadline=None,
                    database=None,
                    derandomize=True,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                def check(case):
                    response = case.call(headers=headers)
                    case.validate_response(response, checks=CHECKS, headers=headers)

                try:
                    check()
                except Unsatisfiable:
                    # Nothing to make invalid (no parameters, no body): there is no negative case to send.
                    assert mode is schemathesis.GenerationMode.NEGATIVE, operation.label
        assert time.monotonic() - started < time_budget * 2
