"""What declared DRF fields render, as plain functions, for shapes rendered by hand on hot paths (issue #16).

Each product's hand-rendered shape is held equal to its declared serializer by a test; these are the
field renderings they share, so that every product formats a date-time, a file or an account id alike.
"""

from datetime import datetime

from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

from core.api.fields import AccountIdField

_DATE, _DATETIME, _ACCOUNT_ID = serializers.DateField(), serializers.DateTimeField(), AccountIdField()


def datetime_text(value, zone=None) -> str | None:
    """What a declared DateTimeField renders (None for None, as with allow_null).

    An aware date-time (every one the database returns) is shifted to the current time zone (`zone`
    when the caller looked it up already: a page renders dozens) and formatted here, as the field
    does, without its per-call checks.
    """
    if value is None:
        return None
    output_format = api_settings.DATETIME_FORMAT
    if type(value) is datetime and value.utcoffset() is not None and output_format and output_format != ISO_8601:
        return value.astimezone(zone or timezone.get_current_timezone()).strftime(output_format)
    return _DATETIME.to_representation(value)


def date_text(value) -> str | None:
    """What a declared DateField renders (None for None, as with allow_null)."""
    return None if value is None else _DATE.to_representation(value)


def account_id(public_id):
    """What AccountIdField renders for an account's public id: an integer, or a UUID as a string."""
    return _ACCOUNT_ID.to_representation(public_id)


def file_url(file, request) -> str | None:
    """What a read-only FileField or ImageField renders: its absolute URL (its URL without a request), or None."""
    if not file:
        return None
    return request.build_absolute_uri(file.url) if request is not None else file.url
