"""Shapes of the task endpoints: lists, detail, writes, assign and complete."""

from rest_framework import serializers

from core.api.fields import AccountField, BoundedPrimaryKeyField
from core.api.serializers import ModelSerializer
from gatherhub.api.serializers.common import (
    BoundedDateTimeField,
    UserContactSerializer,
    UserRefSerializer,
    UserSummarySerializer,
)
from gatherhub.api.serializers.events import EventDatedRefSerializer, EventRefSerializer
from gatherhub.models import Event, Task, TaskPriority, TaskStatus


class TaskSerializer(ModelSerializer):
    """A task in lists and in create and update responses."""

    event = EventRefSerializer(read_only=True)
    assignee = UserSummarySerializer(read_only=True, allow_null=True)
    creator = UserRefSerializer(read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "title",
            "description",
            "status",
            "priority",
            "due_date",
            "event",
            "assignee",
            "creator",
            "completed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class TaskDetailSerializer(TaskSerializer):
    event = EventDatedRefSerializer(read_only=True)
    assignee = UserContactSerializer(read_only=True, allow_null=True)


def _assignee_field(**kwargs):
    kwargs.setdefault("realm", "gatherhub")
    kwargs.setdefault("allow_null", True)
    kwargs.setdefault("help_text", "A participant's account id, or null for nobody.")
    return AccountField(**kwargs)


class TaskCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    event = BoundedPrimaryKeyField(queryset=Event.objects.all())
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False, default=TaskPriority.MEDIUM)
    due_date = BoundedDateTimeField(required=False, allow_null=True, default=None)
    assignee = _assignee_field(required=False, default=None)


class TaskUpdateSerializer(serializers.Serializer):
    """PUT body: the fields sent are changed, the others kept."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=TaskStatus.choices, required=False)
    priority = serializers.ChoiceField(choices=TaskPriority.choices, required=False)
    due_date = BoundedDateTimeField(required=False, allow_null=True)
    assignee = _assignee_field(required=False)


class TaskAssignSerializer(serializers.Serializer):
    # Assigning needs somebody: a missing, null or malformed id is a 400, never a silent unassign.
    assignee = _assignee_field(required=True, allow_null=False, help_text="A participant's account id.")


class TaskAssignedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    assignee = UserRefSerializer(allow_null=True)


class TaskAssignResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    task = TaskAssignedSerializer()


class TaskCompletedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=TaskStatus.choices)
    completed_at = serializers.DateTimeField(allow_null=True)


class TaskCompleteResponseSerializer(serializers.Serializer):
    message = serializers.CharField()
    task = TaskCompletedSerializer()
