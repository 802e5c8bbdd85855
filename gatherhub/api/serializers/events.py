"""Shapes of the event endpoints: lists, detail, writes, join and leave."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import ModelSerializer
from gatherhub.api.serializers.common import BoundedDateTimeField, UserSummarySerializer
from gatherhub.models import MAX_PARTICIPANTS_LIMIT, Event, TaskStatus


class EventRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class EventDatedRefSerializer(EventRefSerializer):
    date = serializers.DateTimeField(read_only=True)


class EventCountRefSerializer(EventRefSerializer):
    current_participants = serializers.IntegerField(read_only=True)


class EventSerializer(ModelSerializer):
    """An event in lists and in create and update responses."""

    status = serializers.CharField(read_only=True)
    creator = UserSummarySerializer(read_only=True)

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "description",
            "date",
            "location",
            "max_participants",
            "current_participants",
            "status",
            "creator",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EventWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    date = BoundedDateTimeField()
    location = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    max_participants = serializers.IntegerField(
        min_value=1, max_value=MAX_PARTICIPANTS_LIMIT, required=False, default=50
    )


class EventUpdateSerializer(EventWriteSerializer):
    """PUT body: the fields sent are changed, the others kept."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    date = BoundedDateTimeField(required=False)
    location = serializers.CharField(max_length=255, required=False, allow_blank=True)
    max_participants = serializers.IntegerField(min_value=1, max_value=MAX_PARTICIPANTS_LIMIT, required=False)


class TaskRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=TaskStatus.choices, read_only=True)


class VoteRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)


class EventDetailSerializer(EventSerializer):
    """An event with its participants, its tasks (for its participants only) and its votes."""

    participants = serializers.SerializerMethodField()
    tasks = serializers.SerializerMethodField()
    votes = VoteRefSerializer(many=True, read_only=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields[:-2], "participants", "tasks", "votes", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(UserSummarySerializer(many=True))
    def get_participants(self, event):
        return UserSummarySerializer([p.user for p in event.participations.all()], many=True).data

    @extend_schema_field(TaskRefSerializer(many=True))
    def get_tasks(self, event):
        return TaskRefSerializer(event.tasks.all(), many=True).data


class MembershipResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    event = EventCountRefSerializer()
