"""Issue reads: viewer-aware querysets (is_upvoted, is_bookmarked) prefetched for flat list query counts."""

import re
from collections import defaultdict
from functools import cache

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


def is_signed_in(viewer) -> bool:
    return viewer is not None and getattr(viewer, "is_authenticated", False)


def issues_for(*, viewer=None, detail: bool = False) -> QuerySet:
    """All issues, with the viewer's flags and reporters; with `detail`, also the resolver and department.

    A list's images come from `issue_image_names`, one query per page (see IssueCompactListSerializer);
    a detail's images, timeline and official response from `issue_rows.issue_detail`.
    """
    return issues_by_viewer_id(viewer_id=viewer.pk if is_signed_in(viewer) else None, detail=detail)


def issues_by_viewer_id(*, viewer_id, detail: bool) -> QuerySet:
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


def issue_image_names(issue_ids) -> dict[str, list[str]]:
    """The stored names of the issues' before-images (not the resolver's after-images), in display order."""
    names = defaultdict(list)
    for issue_id, name in _IMAGE_NAMES.rows(dict.fromkeys(issue_ids)):
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


# The model reading of the full issue (the endpoints read issue_rows.issue_detail).
_ISSUE_FOR_VIEWER = CompiledQuery(
    lambda pk, viewer_id: issues_by_viewer_id(viewer_id=viewer_id, detail=True).filter(pk=pk)
)
_ISSUE_FOR_ANYONE = CompiledQuery(lambda pk: issues_by_viewer_id(viewer_id=None, detail=True).filter(pk=pk))
_IMAGES = CompiledQuery(lambda issue_id: IssueImage.objects.filter(issue_id=issue_id))
_TIMELINE = CompiledQuery(lambda issue_id: IssueTimeline.objects.filter(issue_id=issue_id).select_related("updated_by"))
_OFFICIAL_RESPONSE = CompiledQuery(
    lambda issue_id: OfficialResponse.objects.filter(issue_id=issue_id).select_related("department", "responder")
)


def issue_get_models(*, pk: str, viewer=None) -> Issue:
    """The full issue as models, with what IssueSerializer's declared fields read (timeline, images, response).

    What the declared fields describe; the endpoints read `issue_rows.issue_detail` (tuples, the
    same body: tests/api/test_renderings.py holds them equal).
    """
    pk = normalized_issue_id(pk)
    if is_signed_in(viewer):
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
