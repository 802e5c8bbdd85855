"""Fields and account references shared by the GatherHub serializers."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from core.api.fields import AccountIdField
from gatherhub.models import names_of

User = get_user_model()


class BoundedDateTimeField(serializers.DateTimeField):
    """A datetime in years 1900-9000: outside them the wire format (`%Y`) and UTC conversion break down."""

    default_error_messages = {"out_of_range": "Give a date between the years 1900 and 9000."}

    def to_internal_value(self, value):
        if isinstance(value, str) and value[:1] == "-":
            self.fail("out_of_range")
        try:
            parsed = super().to_internal_value(value)
        except OverflowError:
            self.fail("out_of_range")
        if not 1900 <= parsed.year <= 9000:
            self.fail("out_of_range")
        return parsed


class UserRefSerializer(serializers.Serializer):
    """`{id, username}`: an account mentioned by another resource."""

    id = AccountIdField()
    username = serializers.CharField(read_only=True)


class UserSummarySerializer(UserRefSerializer):
    """`{id, username, first_name, last_name}`."""

    first_name = serializers.SerializerMethodField()
    last_name = serializers.SerializerMethodField()

    def get_first_name(self, user) -> str:
        return names_of(user)[0]

    def get_last_name(self, user) -> str:
        return names_of(user)[1]


class UserContactSerializer(UserSummarySerializer):
    """Adds the e-mail address: the assignee in a task's detail."""

    email = serializers.EmailField(read_only=True)
