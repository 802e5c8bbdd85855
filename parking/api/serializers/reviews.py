"""Serializers of the reviews area: the review shape and the write bodies."""

from rest_framework import serializers

from core.api.fields import AccountIdField
from core.ids import MAX_INTEGER_ID

MAX_COMMENT_LENGTH = 5000
MAX_REASON_LENGTH = 1000


class ReviewAuthorSerializer(serializers.Serializer):
    id = AccountIdField()
    name = serializers.CharField()


class ReviewListingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ReviewSerializer(serializers.Serializer):
    """A review: `booking` is the reviewed booking's id; `author` is its guest."""

    id = serializers.IntegerField()
    listing = ReviewListingSerializer()
    booking = serializers.IntegerField(source="booking_id")
    author = ReviewAuthorSerializer()
    rating = serializers.IntegerField()
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ReviewCreateSerializer(serializers.Serializer):
    """`booking`: the id of the caller's COMPLETED booking; `rating` 1-5; `comment` optional."""

    booking = serializers.IntegerField(min_value=1, max_value=MAX_INTEGER_ID)
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=MAX_COMMENT_LENGTH, required=False, allow_blank=True, default="")


class ReviewUpdateSerializer(serializers.Serializer):
    """PUT: both fields; PATCH: either."""

    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=MAX_COMMENT_LENGTH, allow_blank=True)


class ReviewReportSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=MAX_REASON_LENGTH)


class ReviewListQuerySerializer(serializers.Serializer):
    listing = serializers.IntegerField(min_value=1, max_value=MAX_INTEGER_ID, required=False)
