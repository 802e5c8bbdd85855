"""Task writes: create, update, assign and complete, each announced to the event's participants."""

from datetime import datetime

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gatherhub import realtime
from gatherhub.errors import ErrorCode, GatherHubError, GatherHubForbidden
from gatherhub.models import Event, Task, TaskStatus
from gatherhub.selectors import is_participant

EDITABLE_FIELDS = ("title", "description", "status", "priority", "due_date", "assignee")


def _check_assignee(event_id: int, assignee) -> None:
    if assignee is not None and not is_participant(event_id=event_id, user=assignee):
        raise GatherHubError(
            "The assignee must be a participant of the event.",
            code=ErrorCode.ASSIGNEE_NOT_PARTICIPANT,
            details={"assignee": ["The assignee must be a participant of the event."]},
        )


def _reloaded(task_id: int) -> Task:
    return Task.objects.select_related("event", "assignee__gatherhub_profile", "creator__gatherhub_profile").get(
        pk=task_id
    )


@transaction.atomic
def task_create(
    *,
    creator,
    event: Event,
    title: str,
    description: str = "",
    priority: str = "medium",
    due_date: datetime | None = None,
    assignee=None,
) -> Task:
    """Create a task in an event the creator takes part in (403 otherwise); the assignee must take part too."""
    if not is_participant(event_id=event.pk, user=creator):
        raise GatherHubForbidden("Only participants of the event can add tasks to it.", code=ErrorCode.NOT_PARTICIPANT)
    _check_assignee(event.pk, assignee)
    task = Task.objects.create(
        event=event,
        creator=creator,
        title=title,
        description=description,
        priority=priority,
        due_date=due_date,
        assignee=assignee,
    )
    task = _reloaded(task.pk)
    realtime.to_event(task.event_id, realtime.MessageType.TASK_CREATED, realtime.task_data(task))
    return task


@transaction.atomic
def task_update(*, task_id: int, **fields) -> Task:
    """Change the given fields. Completing sets `completed_at`; reopening clears it."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    task = get_object_or_404(Task.objects.select_for_update(), pk=task_id)
    previous_assignee, previous_status = task.assignee_id, task.status
    if "assignee" in fields:
        _check_assignee(task.event_id, fields["assignee"])
    for name, value in fields.items():
        setattr(task, name, value)
    if task.status == TaskStatus.COMPLETED and previous_status != TaskStatus.COMPLETED:
        task.completed_at = timezone.now()
    elif task.status != TaskStatus.COMPLETED:
        task.completed_at = None
    task.save()
    task = _reloaded(task.pk)
    data = realtime.task_data(task)
    realtime.to_event(task.event_id, realtime.MessageType.TASK_UPDATED, data)
    if task.assignee_id != previous_assignee and task.assignee_id is not None:
        realtime.to_event(task.event_id, realtime.MessageType.TASK_ASSIGNED, data)
    if task.status == TaskStatus.COMPLETED and previous_status != TaskStatus.COMPLETED:
        realtime.to_event(task.event_id, realtime.MessageType.TASK_COMPLETED, data)
    return task


@transaction.atomic
def task_assign(*, task_id: int, assignee) -> Task:
    """Give the task to a participant of its event."""
    task = get_object_or_404(Task.objects.select_for_update(), pk=task_id)
    _check_assignee(task.event_id, assignee)
    task.assignee = assignee
    task.save(update_fields=["assignee", "updated_at"])
    task = _reloaded(task.pk)
    realtime.to_event(task.event_id, realtime.MessageType.TASK_ASSIGNED, realtime.task_data(task))
    return task


@transaction.atomic
def task_complete(*, task_id: int) -> Task:
    """Mark the task completed; completing it again keeps the first `completed_at` and announces nothing."""
    task = get_object_or_404(Task.objects.select_for_update(), pk=task_id)
    if task.status == TaskStatus.COMPLETED and task.completed_at is not None:
        return _reloaded(task.pk)
    task.status = TaskStatus.COMPLETED
    task.completed_at = timezone.now()
    task.save(update_fields=["status", "completed_at", "updated_at"])
    task = _reloaded(task.pk)
    realtime.to_event(task.event_id, realtime.MessageType.TASK_COMPLETED, realtime.task_data(task))
    return task
