"""The hottest issue reads as tuples off the cursor: the home feed's page and the full issue (issue #16).

Every client opens on these two. Read as models, each row went through the ORM's model machinery
and brought every column of the issue and of each account joined to it (password hash, seven
timestamps a row), which cost more CPU than rendering them. Here each is a compiled `.values_list()`
read with `CompiledQuery.rows` into named tuples holding only what the shapes show; the serializers
render them (townspark.api.serializers.issues). Lists filtered by a FilterSet still read models, turned
into the same rows by `compact_row`; `issues.issue_get_models` is the model reading of the full issue
that the declared serializer fields describe, held to the same body by tests/api/test_renderings.py.
"""

from datetime import datetime
from functools import lru_cache
from typing import NamedTuple
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404

from core.compiled_queries import CompiledQuery
from townspark.models import Issue, IssueImage, IssueTimeline, OfficialResponse
from townspark.selectors.issues import is_signed_in, issues_by_viewer_id, issues_ordered, normalized_issue_id

User = get_user_model()


class AccountRow(NamedTuple):
    """An account as the shapes show it (`user_minimal`, `user_ref`); `avatar` is the stored file's name."""

    id: int
    uuid: UUID
    realm: str
    name: str
    username: str
    email: str
    avatar: str | None

    @property
    def public_id(self) -> int | UUID:
        return User.public_id_of(self.realm, self.id, self.uuid)


def _account(path: str) -> tuple[str, ...]:
    return tuple(f"{path}__{name}" for name in AccountRow._fields)


def _account_at(row: tuple, start: int) -> AccountRow | None:
    """The account whose columns start at `start`; None when the join found none (a NULL key)."""
    if row[start] is None:
        return None
    return AccountRow._make(row[start : start + len(AccountRow._fields)])


class CompactRow(NamedTuple):
    """What the compact issue shows: a feed page's row as read, or an issue model's (`compact_row`)."""

    id: str
    title: str
    description: str
    category_id: str
    status: str
    urgency: str
    address: str
    area: str
    upvote_count: int
    comment_count: int
    created_at: datetime
    is_anonymous: bool
    reporter: AccountRow
    is_upvoted: bool
    is_bookmarked: bool

    @property
    def reporter_id(self) -> int:  # as on the model: `author_hidden` reads either
        return self.reporter.id


_COMPACT_ISSUE_COLUMNS = CompactRow._fields[:12]
# The viewer's flags are annotations: `.values_list()` selects them after the fields.
_COMPACT_COLUMNS = (*_COMPACT_ISSUE_COLUMNS, *_account("reporter"), "is_upvoted", "is_bookmarked")
_REPORTER_AT = len(_COMPACT_ISSUE_COLUMNS)
_FLAGS_AT = _REPORTER_AT + len(AccountRow._fields)


def _compact(row: tuple, flags_at: int = _FLAGS_AT) -> CompactRow:
    return CompactRow(*row[:_REPORTER_AT], _account_at(row, _REPORTER_AT), bool(row[flags_at]), bool(row[flags_at + 1]))


def compact_row(issue: Issue) -> CompactRow:
    """An issue read as a model (with `is_upvoted`, `is_bookmarked` and its reporter) as its compact row."""
    reporter = issue.reporter
    return CompactRow(
        *(getattr(issue, name) for name in _COMPACT_ISSUE_COLUMNS),
        AccountRow(
            reporter.pk,
            reporter.uuid,
            reporter.realm,
            reporter.name,
            reporter.username,
            reporter.email,
            reporter.avatar.name if reporter.avatar else None,
        ),
        bool(issue.is_upvoted),
        bool(issue.is_bookmarked),
    )


def feed_page(*, viewer, bottom: int, top: int) -> list[CompactRow]:
    """Rows `bottom` to `top` of the unfiltered feed (newest first), as issues_for(viewer) ordered would give them.

    The home page of every client: compiled once per page bounds and kind of viewer (the last 256
    kept per process). A filtered feed is built by its FilterSet instead.
    """
    if is_signed_in(viewer):
        rows = _feed_page_of(True, bottom, top).rows(viewer_id=viewer.pk)
    else:
        rows = _feed_page_of(False, bottom, top).rows()
    return [_compact(row) for row in rows]


def feed_count() -> int:
    """How many issues the unfiltered feed lists: every issue (the viewer changes flags, never rows)."""
    return Issue.objects.count()


@lru_cache(maxsize=256)
def _feed_page_of(signed_in: bool, bottom: int, top: int) -> CompiledQuery:
    def build(viewer_id=None):
        ordered = issues_ordered(issues_by_viewer_id(viewer_id=viewer_id, detail=False), None)
        return ordered.filter(number__in=ordered.values("number")[bottom:top]).values_list(*_COMPACT_COLUMNS)

    return CompiledQuery(build)


# --- The full issue ---------------------------------------------------------------------------------------


class ImageRow(NamedTuple):
    id: int
    image: str  # stored names
    thumbnail: str
    is_after_image: bool


class TimelineRow(NamedTuple):
    status: str
    created_at: datetime
    note: str
    updated_by: AccountRow | None


class ResponseRow(NamedTuple):
    message: str
    updated_at: datetime
    department_name: str | None
    responder: AccountRow | None


class IssueDetail(NamedTuple):
    """What the full issue shows: its compact row, its own columns, images, timeline and official response."""

    compact: CompactRow
    latitude: float | None
    longitude: float | None
    share_count: int
    updated_at: datetime
    resolved_at: datetime | None
    department_id: str | None
    department_name: str | None
    assigned_resolver: AccountRow | None
    before_images: list[ImageRow]
    after_images: list[ImageRow]
    timeline: list[TimelineRow]
    official_response: ResponseRow | None


_DETAIL_OWN_COLUMNS = ("latitude", "longitude", "share_count", "updated_at", "resolved_at", "department_id")
_DETAIL_COLUMNS = (
    *_COMPACT_ISSUE_COLUMNS,
    *_account("reporter"),
    *_DETAIL_OWN_COLUMNS,
    "department__name",
    *_account("assigned_resolver"),
    "is_upvoted",
    "is_bookmarked",
)
_OWN_AT = _FLAGS_AT
_RESOLVER_AT = _OWN_AT + len(_DETAIL_OWN_COLUMNS) + 1
_DETAIL_FLAGS_AT = _RESOLVER_AT + len(AccountRow._fields)

# Its four statements, compiled once (core.compiled_queries). The official response is not joined
# into the first: the seven-table join cost PostgreSQL more to plan (about 3 ms) than two queries.
_ISSUE_FOR_VIEWER = CompiledQuery(
    lambda pk, viewer_id: (
        issues_by_viewer_id(viewer_id=viewer_id, detail=True).filter(pk=pk).values_list(*_DETAIL_COLUMNS)
    )
)
_ISSUE_FOR_ANYONE = CompiledQuery(
    lambda pk: issues_by_viewer_id(viewer_id=None, detail=True).filter(pk=pk).values_list(*_DETAIL_COLUMNS)
)
_IMAGES = CompiledQuery(lambda issue_id: IssueImage.objects.filter(issue_id=issue_id).values_list(*ImageRow._fields))
_TIMELINE = CompiledQuery(
    lambda issue_id: IssueTimeline.objects.filter(issue_id=issue_id).values_list(
        "status", "created_at", "note", *_account("updated_by")
    )
)
_OFFICIAL_RESPONSE = CompiledQuery(
    lambda issue_id: OfficialResponse.objects.filter(issue_id=issue_id).values_list(
        "message", "updated_at", "department__name", *_account("responder")
    )
)


def issue_detail(*, pk: str, viewer=None) -> IssueDetail:
    """The full issue with the viewer's flags, in four queries (a 404 for no such issue)."""
    pk = normalized_issue_id(pk)
    with connection.cursor() as cursor:  # one cursor for the four statements
        if is_signed_in(viewer):
            rows = _ISSUE_FOR_VIEWER.rows(pk=pk, viewer_id=viewer.pk, cursor=cursor)
        else:
            rows = _ISSUE_FOR_ANYONE.rows(pk=pk, cursor=cursor)
        if not rows:
            raise Http404("No Issue matches the given query.")
        (row,) = rows
        images = [ImageRow._make(image) for image in _IMAGES.rows(issue_id=pk, cursor=cursor)]
        timeline = _TIMELINE.rows(issue_id=pk, cursor=cursor)
        responses = _OFFICIAL_RESPONSE.rows(issue_id=pk, cursor=cursor)
    return IssueDetail(
        _compact(row, _DETAIL_FLAGS_AT),
        *row[_OWN_AT:_RESOLVER_AT],
        _account_at(row, _RESOLVER_AT),
        [image for image in images if not image.is_after_image],
        [image for image in images if image.is_after_image],
        [TimelineRow(*entry[:3], _account_at(entry, 3)) for entry in timeline],
        ResponseRow(*responses[0][:3], _account_at(responses[0], 3)) if responses else None,
    )
