"""Ressourcefy's probes: `health/live/` and `health/ready/`, in the document's bare `{status}` shapes (no envelope).

Ready means core's dependency checks pass (database, Redis, channel layer) and the outbox relay keeps up:
the oldest unpublished outbox event is at most RESSOURCEFY_OUTBOX_MAX_LAG_SECONDS old (default 300).
"""

import logging

from django.db import DatabaseError
from rest_framework.response import Response

from core.health import checks
from core.health.views import (
    _OK_BODY,
    _UNAVAILABLE_BODY,
    StatusOkLivenessView,
    StatusOkReadinessView,
    _schema,
    _unavailable,
)
from ressourcefy.selectors.outbox import outbox_lag_acceptable

logger = logging.getLogger(__name__)

LivenessView = StatusOkLivenessView


class ReadinessView(StatusOkReadinessView):
    """503 `{status: unavailable}` when a dependency is down or the outbox backlog is older than the limit."""

    @_schema(
        "Database, Redis and the channel layer answer, and the outbox relay keeps up",
        _OK_BODY,
        unavailable=_UNAVAILABLE_BODY,
    )
    def get(self, request):
        if not checks.all_healthy(checks.readiness_checks()):
            return _unavailable({"status": "unavailable"})
        try:
            keeping_up = outbox_lag_acceptable()
        except DatabaseError:  # the database went away between the checks and this query
            logger.warning("Ressourcefy readiness: the outbox backlog could not be read", exc_info=True)
            keeping_up = False
        return Response({"status": "ok"}) if keeping_up else _unavailable({"status": "unavailable"})
