"""Query filters of the GatherHub lists (documented in the schema by django-filter)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend

from core.ids import MAX_INTEGER_ID
from gatherhub.models import Event, EventStatus, Task, TaskStatus, Vote, VoteStatus, ongoing_window_start


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, left out when the request has none of the filterset's parameters.

    The filters would return the queryset unchanged, after building a form class and deep-copying
    every filter: a millisecond of every unfiltered list and detail request.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        names = tuple(filterset_class.base_filters)
        if not any(param.startswith(names) for param in request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_INTEGER_ID)
        super().__init__(*args, **kwargs)


class EventFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search", max_length=200, help_text="Words in the title or description."
    )
    status = django_filters.ChoiceFilter(choices=EventStatus.choices, method="filter_status")
    creator = IdFilter(field_name="creator_id", help_text="The creator's account id.")
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="date__gte", help_text="Events on or after this day (UTC)."
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="date__lte", help_text="Events on or before this day (UTC)."
    )

    class Meta:
        model = Event
        fields = ["search", "status", "creator", "date_from", "date_to"]

    def filter_search(self, queryset, name, value):
        query = Q()
        for word in value.split():
            query &= Q(title__icontains=word) | Q(description__icontains=word)
        return queryset.filter(query)

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        if value == EventStatus.UPCOMING:
            return queryset.filter(date__gt=now)
        if value == EventStatus.ONGOING:
            return queryset.filter(date__lte=now, date__gt=ongoing_window_start(now))
        return queryset.filter(date__lte=ongoing_window_start(now))


class TaskFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id", help_text="The event's id.")
    assignee = IdFilter(field_name="assignee_id", help_text="The assignee's account id.")
    status = django_filters.ChoiceFilter(choices=TaskStatus.choices)
    due_date_from = django_filters.DateFilter(
        field_name="due_date", lookup_expr="date__gte", help_text="Due on or after this day (UTC)."
    )
    due_date_to = django_filters.DateFilter(
        field_name="due_date", lookup_expr="date__lte", help_text="Due on or before this day (UTC)."
    )

    class Meta:
        model = Task
        fields = ["event", "assignee", "status", "due_date_from", "due_date_to"]


class VoteFilter(django_filters.FilterSet):
    event = IdFilter(field_name="event_id", help_text="The event's id.")
    status = django_filters.ChoiceFilter(choices=VoteStatus.choices, method="filter_status")
    creator = IdFilter(field_name="creator_id", help_text="The creator's account id.")

    class Meta:
        model = Vote
        fields = ["event", "status", "creator"]

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        if value == VoteStatus.ACTIVE:
            return queryset.filter(Q(ends_at__gt=now) | Q(ends_at__isnull=True))  # no end: open for good
        return queryset.filter(ends_at__lte=now)
