"""Query filters of issue lists: comma-separated values, search, sort/ordering, date range and radius in km."""

import datetime

import django_filters
from django.db.models import Q
from rest_framework.exceptions import ValidationError

from core.geo import within_radius
from townspark.models import Issue
from townspark.selectors.issues import ORDERINGS, issues_search

ORDERING_FIELDS = {
    "created_at": "created_at",
    "updated_at": "updated_at",
    "upvotes": "upvote_count",
    "comments": "comment_count",
    "shares": "share_count",
    "id": "number",
    "title": "title",
}


class ChoiceInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    """`?status=reported,acknowledged`: each value must be a valid choice."""


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    pass


class _DateBoundFilter(django_filters.DateTimeFilter):
    """A date (`2024-01-31`, the whole day) or a date-time."""

    def __init__(self, *, param: str, upper: bool, **kwargs):
        self.param, self.upper = param, upper
        super().__init__(field_name="created_at", **kwargs)

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        try:
            # PostgreSQL refuses offsets past +-15:59 that Python accepts: compare in UTC.
            value = value.astimezone(datetime.UTC)
        except OverflowError:  # beyond the calendar: no upper bound, nothing after it
            return queryset if self.upper else queryset.none()
        raw = self.parent.data.get(self.param) if self.parent is not None else None
        if self.upper and isinstance(raw, str) and len(raw.strip()) == 10:
            try:
                return queryset.filter(created_at__lt=value + datetime.timedelta(days=1))
            except OverflowError:  # 9999-12-31: the whole day is "no upper bound"
                return queryset
        return queryset.filter(**{f"created_at__{'lte' if self.upper else 'gte'}": value})


class IssueFilter(django_filters.FilterSet):
    status = ChoiceInFilter(choices=Issue.Status.choices, help_text="Comma-separated statuses")
    category = CharInFilter(field_name="category_id", help_text="Comma-separated category ids")
    urgency = ChoiceInFilter(choices=Issue.Urgency.choices, help_text="Comma-separated urgency levels")
    area = django_filters.CharFilter(method="filter_area", help_text="Area name(s), comma-separated, case-insensitive")
    search = django_filters.CharFilter(method="filter_search", help_text="Search in title and description")
    sort = django_filters.ChoiceFilter(
        choices=[(key, key) for key in ORDERINGS],
        method="keep",
        help_text="newest, oldest, most_upvotes, most_comments",
    )
    ordering = django_filters.ChoiceFilter(
        choices=[(prefix + key, prefix + key) for key in ORDERING_FIELDS for prefix in ("", "-")],
        method="keep",
        help_text="Sort field, prefix with - for descending (overrides sort)",
    )
    created_after = _DateBoundFilter(
        param="created_after", upper=False, help_text="Created on or after this date or date-time"
    )
    created_before = _DateBoundFilter(
        param="created_before", upper=True, help_text="Created on or before this date (whole day) or date-time"
    )
    lat = django_filters.NumberFilter(method="keep", min_value=-90, max_value=90, help_text="Latitude of the centre")
    lng = django_filters.NumberFilter(method="keep", min_value=-180, max_value=180, help_text="Longitude of the centre")
    radius = django_filters.NumberFilter(
        method="keep", min_value=0, max_value=20050, help_text="Radius in km around lat/lng (default 5)"
    )

    class Meta:
        model = Issue
        fields: list[str] = []

    _form_classes: dict = {}

    def get_form_class(self):
        # django-filter builds a form class (labels, choices) on every request; the fields never change.
        if type(self) not in IssueFilter._form_classes:
            IssueFilter._form_classes[type(self)] = super().get_form_class()
        return IssueFilter._form_classes[type(self)]

    def keep(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def filter_area(self, queryset, name, value):
        areas = [area.strip() for area in value.split(",") if area.strip()]
        if not areas:
            return queryset
        query = Q()
        for area in areas:
            query |= Q(area__iexact=area)
        return queryset.filter(query)

    def filter_search(self, queryset, name, value):
        return issues_search(queryset, value)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        lat, lng, radius = data.get("lat"), data.get("lng"), data.get("radius")
        if (lat is None) != (lng is None):
            raise ValidationError({"lat": ["lat and lng must be given together."]})
        if lat is not None:
            queryset = within_radius(queryset, lat=float(lat), lng=float(lng), radius_km=float(radius or 5))
        elif radius is not None:
            raise ValidationError({"radius": ["radius needs lat and lng."]})
        ordering = data.get("ordering")
        if ordering:
            descending = ordering.startswith("-")
            field = ORDERING_FIELDS[ordering.lstrip("-")]
            return queryset.order_by(f"{'-' if descending else ''}{field}", "-number")
        return queryset.order_by(*ORDERINGS[data.get("sort") or "newest"])


class AssignedIssueFilter(IssueFilter):
    """The resolver's lists: the same filters."""


class StatusOnlyFilter(django_filters.FilterSet):
    status = ChoiceInFilter(choices=Issue.Status.choices, help_text="Comma-separated statuses")

    class Meta:
        model = Issue
        fields: list[str] = []
