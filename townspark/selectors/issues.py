"""Issue reads: viewer-aware querysets (is_upvoted, is_bookmarked) prefetched for flat list query counts."""

import re
from collections import defaultdict
from datetime import datetime
from functools import cache, lru_cache
from typing import NamedTuple
from uuid import UUID

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404

from core.compiled_queries import CompiledListQuery, CompiledQuery
from townspark.models import Bookmark, Issue, IssueImage, IssueTimeline, OfficialResponse, Upvote

ORDERINGS = {
    "newest": ("-created_at", "-number"),
    "oldest": ("created_at", "number"),
    "most_upvotes": ("-upvote_count", "-created_at", "-number"),
    "most_comments": ("-comment_count", "-created_at", "-number"),
}


def _authenticated(viewer) -> bool:
    return viewer is not None and getattr(viewer, "is_authenticated", False)


def issues_for(*, viewer=None, detail: bool = False) -> QuerySet:
    """All issues, with the viewer's flags and reporters; with `detail`, also the resolver and department.

    A list's images come from `issue_image_names`, one query per page (see IssueCompactListSerializer);
    a detail's images, timeline and official response from `issue_get`.
    """
    return _issues(viewer_id=viewer.pk if _authenticated(viewer) else None, detail=detail)


def _issues(*, viewer_id, detail: bool) -> QuerySet:
    queryset = Issue.objects.select_related("reporter")
    if viewer_id is not None:
        queryset = queryset.annotate(
            is_upvoted=Exists(Upvote.objects.filter(issue=OuterRef("pk"), user_id=viewer_id)),
            is_bookmarked=Exists(Bookmark.objects.filter(issue=OuterRef("pk"), user_id=viewer_id)),
        )
    else:
        queryset = queryset.annotate(
            is_upvoted=Value(False, output_field=BooleanField()),
            is_bookmarked=Value(False, output_field=BooleanField()),
        )
    if detail:
        queryset = queryset.select_related("assigned_resolver", "department")
    return queryset


# The columns the compact and full issue render (and what their renderers read: the account's public
# id and display name, `author_hidden`'s reporter id), for the hot reads' `.only()`: a page read every
# column of the issue and of its reporter's account (password hash, seven timestamps a row), and
# decoding and loading them cost more than rendering the page (issue #16). Rendering anything else
# from these rows is a query per row: the query-count tests of the feed and the detail catch it.
ACCOUNT_COLUMNS = ("id", "uuid", "realm", "name", "username", "email", "avatar")
COMPACT_COLUMNS = (
    "id",
    "title",
    "description",
    "category_id",
    "status",
    "urgency",
    "address",
    "area",
    "upvote_count",
    "comment_count",
    "created_at",
    "is_anonymous",
    "reporter_id",
    *(f"reporter__{column}" for column in ACCOUNT_COLUMNS),
)
FULL_COLUMNS = (
    *COMPACT_COLUMNS,
    "latitude",
    "longitude",
    "share_count",
    "updated_at",
    "resolved_at",
    "assigned_resolver_id",
    *(f"assigned_resolver__{column}" for column in ACCOUNT_COLUMNS),
    "department_id",
    "department__name",
)


class CompactRow(NamedTuple):
    """What the compact issue shows, as one tuple: a feed page's row as read, or an issue's (`compact_row`)."""

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
    reporter_id: int
    reporter_uuid: UUID
    reporter_realm: str
    reporter_name: str
    reporter_username: str
    reporter_email: str
    reporter_avatar: str | None  # the stored name
    is_upvoted: bool
    is_bookmarked: bool


_ISSUE_COLUMNS = (
    "id",
    "title",
    "description",
    "category_id",
    "status",
    "urgency",
    "address",
    "area",
    "upvote_count",
    "comment_count",
    "created_at",
    "is_anonymous",
    "reporter_id",
)
_REPORTER_COLUMNS = ("uuid", "realm", "name", "username", "email", "avatar")
# CompactRow's columns in its order; the viewer's flags (annotations) last, where `.values_list()` selects them.
COMPACT_ROW_COLUMNS = (
    *_ISSUE_COLUMNS,
    *(f"reporter__{name}" for name in _REPORTER_COLUMNS),
    "is_upvoted",
    "is_bookmarked",
)


def compact_row(issue: Issue) -> CompactRow:
    """An issue loaded as a model (lists built by their FilterSets) as the compact issue's row."""
    reporter = issue.reporter
    return CompactRow(
        *(getattr(issue, name) for name in _ISSUE_COLUMNS),
        *(getattr(reporter, name) for name in _REPORTER_COLUMNS[:-1]),
        reporter.avatar.name if reporter.avatar else None,
        bool(issue.is_upvoted),
        bool(issue.is_bookmarked),
    )


def feed_page(*, viewer, bottom: int, top: int) -> list[CompactRow]:
    """Rows `bottom` to `top` of the unfiltered feed (newest first), as issues_for(viewer) ordered would give them.

    The home page of every client: compiled once per page bounds and kind of viewer (the last 256
    kept per process), its rows read as tuples off the cursor (issue #16: building model instances
    and reading every column of the issue and its reporter cost more than rendering them). A
    filtered feed is built by its FilterSet instead (models, the same shape through `compact_row`).
    """
    if _authenticated(viewer):
        rows = _feed_page_of(True, bottom, top).rows(viewer_id=viewer.pk)
    else:
        rows = _feed_page_of(False, bottom, top).rows()
    return [CompactRow._make(row) for row in rows]


@lru_cache(maxsize=256)
def _feed_page_of(signed_in: bool, bottom: int, top: int) -> CompiledQuery:
    def build(viewer_id=None):
        ordered = issues_ordered(_issues(viewer_id=viewer_id, detail=False), None)
        return ordered.filter(number__in=ordered.values("number")[bottom:top]).values_list(*COMPACT_ROW_COLUMNS)

    return CompiledQuery(build)


def issue_image_names(issue_ids) -> dict[str, list[str]]:
    """The stored names of the issues' before-images (not the resolver's after-images), in display order."""
    names = defaultdict(list)
    for issue_id, name in _IMAGE_NAMES.fetch(dict.fromkeys(issue_ids)):
        names[issue_id].append(name)
    return names


# A page's image names, compiled once per page length.
_IMAGE_NAMES = CompiledListQuery(
    lambda ids: (
        IssueImage.objects.filter(issue_id__in=ids, is_after_image=False)
        .order_by("position", "id")
        .values_list("issue_id", "image")
    )
)


ISSUE_ID = re.compile(r"^TS-\d{1,18}$")


def normalized_issue_id(pk) -> str:
    """`ts-1000` -> `TS-1000`; anything that cannot be an issue id is a 404 before reaching the database."""
    value = str(pk).strip().upper()
    if not ISSUE_ID.match(value):
        raise Http404("No issue with this id.")
    return value


# An issue's page is the hottest read: its four statements are compiled once (core.compiled_queries).
_ISSUE_FOR_VIEWER = CompiledQuery(
    lambda pk, viewer_id: _issues(viewer_id=viewer_id, detail=True).filter(pk=pk).only(*FULL_COLUMNS)
)
_ISSUE_FOR_ANYONE = CompiledQuery(lambda pk: _issues(viewer_id=None, detail=True).filter(pk=pk).only(*FULL_COLUMNS))
_IMAGES = CompiledQuery(
    lambda issue_id: IssueImage.objects.filter(issue_id=issue_id).only(
        "id", "issue_id", "image", "thumbnail", "is_after_image"
    )
)
_TIMELINE = CompiledQuery(
    lambda issue_id: (
        IssueTimeline.objects.filter(issue_id=issue_id)
        .select_related("updated_by")
        .only(
            "issue_id", "status", "note", "created_at", "updated_by_id", *(f"updated_by__{c}" for c in ACCOUNT_COLUMNS)
        )
    )
)
_OFFICIAL_RESPONSE = CompiledQuery(
    lambda issue_id: (
        OfficialResponse.objects.filter(issue_id=issue_id)
        .select_related("department", "responder")
        .only(
            "issue_id",
            "message",
            "updated_at",
            "department_id",
            "department__name",
            "responder_id",
            *(f"responder__{column}" for column in ACCOUNT_COLUMNS),
        )
    )
)


def issue_get(*, pk: str, viewer=None) -> Issue:
    """The issue with the viewer's flags and everything the full issue shows, in four queries.

    The detail's rows come from plain queries on the issue's id, not `prefetch_related`: its
    machinery cost more CPU than the three queries themselves (bench/RESULTS.md, issue #16). The
    official response is not joined into the first query either: the seven-table join cost
    PostgreSQL more to plan (about 3 ms) than the two queries cost to run.
    """
    pk = normalized_issue_id(pk)
    if _authenticated(viewer):
        issue = _ISSUE_FOR_VIEWER.first(pk=pk, viewer_id=viewer.pk)
    else:
        issue = _ISSUE_FOR_ANYONE.first(pk=pk)
    if issue is None:
        raise Http404("No Issue matches the given query.")
    images = _IMAGES.fetch(issue_id=issue.pk)
    issue.before_images = [image for image in images if not image.is_after_image]
    issue.after_images = [image for image in images if image.is_after_image]
    issue.timeline = _TIMELINE.fetch(issue_id=issue.pk)
    issue.official_response_or_none = _OFFICIAL_RESPONSE.first(issue_id=issue.pk)
    return issue


def issue_get_plain(*, pk: str, related=("reporter",)) -> Issue:
    """The issue with `related` rows: its reporter by default (with `reporter__townspark_profile`, their profile)."""
    issue = _issue_with(tuple(related)).first(pk=normalized_issue_id(pk))
    if issue is None:
        raise Http404("No Issue matches the given query.")
    return issue


@cache
def _issue_with(related: tuple[str, ...]) -> CompiledQuery:
    """Every write on an issue starts by loading it: compiled once per set of related rows."""
    return CompiledQuery(lambda pk: Issue.objects.select_related(*related).filter(pk=pk))


def issues_ordered(queryset: QuerySet, key: str | None) -> QuerySet:
    return queryset.order_by(*ORDERINGS.get(key or "newest", ORDERINGS["newest"]))


def issues_search(queryset: QuerySet, term: str) -> QuerySet:
    term = term.strip()
    if not term:
        return queryset
    # Ids are stored upper-case (TS-1042): an exact match on the upper-cased term uses the primary key.
    return queryset.filter(Q(title__icontains=term) | Q(description__icontains=term) | Q(id=term.upper()))


def issues_of_reporter(*, reporter, viewer) -> QuerySet:
    return issues_for(viewer=viewer).filter(reporter=reporter)


def issues_bookmarked_by(*, user) -> QuerySet:
    """The user's bookmarks, most recently saved first."""
    saved_at = Bookmark.objects.filter(issue=OuterRef("pk"), user=user).values("created_at")[:1]
    return (
        issues_for(viewer=user).filter(is_bookmarked=True).annotate(saved_at=Subquery(saved_at)).order_by("-saved_at")
    )


def issues_upvoted_by(*, user) -> QuerySet:
    """Issues the user upvoted, most recent upvote first."""
    upvoted_at = Upvote.objects.filter(issue=OuterRef("pk"), user=user).values("created_at")[:1]
    return (
        issues_for(viewer=user)
        .filter(is_upvoted=True)
        .annotate(upvoted_at=Subquery(upvoted_at))
        .order_by("-upvoted_at")
    )


def issue_concerned_user_ids(*, issue, extra=()) -> set:
    """Who hears about changes to an issue: its reporter, its resolver, those who bookmarked it."""
    ids = {issue.reporter_id, issue.assigned_resolver_id, *extra}
    ids.update(Bookmark.objects.filter(issue=issue).values_list("user_id", flat=True))
    ids.discard(None)
    return ids
