"""Query filters of the pro profile list (documented in the schema by django-filter)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from drf_spectacular.utils import extend_schema_field

from alistpros.models import ProProfile, ServiceCategory
from core.ids import MAX_INTEGER_ID

MAX_SMALL = 32767
MAX_INT = 2**31 - 1


class RepeatedOrCommaWidget(forms.Widget):
    """Reads every value of the parameter, so `?x=1&x=2`, `?x=1,2` and a mix of both all give ["1", "2"]."""

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [part.strip() for value in values if value is not None for part in str(value).split(",")]

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class CategoryIdsField(forms.Field):
    """Ids of existing service categories; a malformed or unknown id is a validation error (400), not an empty page."""

    widget = RepeatedOrCommaWidget
    default_error_messages = {
        "invalid": "Give service category ids as whole numbers: ?service_categories=1&service_categories=2 or 1,2.",
        "unknown": "Unknown service category ids: %(ids)s.",
    }

    def to_python(self, value):
        parts = [part for part in (value or []) if part != ""]
        ids = []
        for part in parts:
            if not (part.isascii() and part.isdigit()) or not 1 <= int(part) <= MAX_INTEGER_ID:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            ids.append(int(part))
        return sorted(set(ids))

    def validate(self, value):
        super().validate(value)
        if value:
            known = set(ServiceCategory.objects.filter(pk__in=value).values_list("pk", flat=True))
            unknown = [str(pk) for pk in value if pk not in known]
            if unknown:
                raise forms.ValidationError(
                    self.error_messages["unknown"], code="unknown", params={"ids": ", ".join(unknown)}
                )


CATEGORY_IDS_HELP = (
    "Service category ids, repeated (`?service_categories=1&service_categories=2`) or comma-separated "
    "(`?service_categories=1,2`): profiles offering any of them. An unknown id is a 400."
)


# The schema override must carry the description: drf-spectacular drops help_text for overridden filters.
@extend_schema_field({"type": "array", "items": {"type": "integer", "minimum": 1}, "description": CATEGORY_IDS_HELP})
class CategoryIdsFilter(django_filters.Filter):
    """Profiles offering ANY of the given categories (each profile listed once)."""

    field_class = CategoryIdsField

    def filter(self, qs, value):
        if not value:
            return qs
        offers = ProProfile.service_categories.through.objects.filter(
            proprofile_id=OuterRef("pk"), servicecategory_id__in=value
        )
        return qs.filter(Exists(offers))


class StableOrderingFilter(django_filters.OrderingFilter):
    """The chosen order, then the id in the same direction, so pages never repeat or skip a profile."""

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        ordering = [self.get_ordering_value(param) for param in value]
        tie = "-id" if ordering[-1].startswith("-") else "id"
        return qs.order_by(*ordering, tie)


class WholeNumberFilter(django_filters.NumberFilter):
    """A whole number: "5.5" is a 400, not rounded."""

    field_class = forms.IntegerField


class ProProfileFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        help_text="Words that must each appear in the business name, its description or a service category's name.",
    )
    service_categories = CategoryIdsFilter(help_text=CATEGORY_IDS_HELP)
    years_of_experience__gte = WholeNumberFilter(
        field_name="years_of_experience",
        lookup_expr="gte",
        min_value=0,
        max_value=MAX_SMALL,
        help_text="Minimum years of experience.",
    )
    service_radius__gte = WholeNumberFilter(
        field_name="service_radius",
        lookup_expr="gte",
        min_value=0,
        max_value=MAX_INT,
        help_text="Minimum service radius (miles).",
    )
    ordering = StableOrderingFilter(
        fields=("business_name", "years_of_experience", "created_at"),
        help_text="business_name, years_of_experience or created_at; prefix with - for descending. "
        "Default: newest first.",
    )

    class Meta:
        model = ProProfile
        fields = ["search", "service_categories", "years_of_experience__gte", "service_radius__gte", "ordering"]

    def filter_search(self, queryset, name, value):
        query = Q()
        for word in value.split():
            in_category = ProProfile.service_categories.through.objects.filter(
                proprofile_id=OuterRef("pk"), servicecategory__name__icontains=word
            )
            query &= Q(business_name__icontains=word) | Q(business_description__icontains=word) | Q(Exists(in_category))
        return queryset.filter(query)
