"""Who may change what: named object permissions of GatherHub's views."""

from rest_framework.permissions import BasePermission


def _user_id(request):
    return getattr(request.user, "pk", None)


class IsEventCreator(BasePermission):
    """The event's creator (update, delete)."""

    message = "Only the event creator can do this."

    def has_object_permission(self, request, view, obj):
        return obj.creator_id == _user_id(request)


class IsTaskCreatorOrAssignee(BasePermission):
    """The task's creator or its assignee (update, complete)."""

    message = "Only the task's creator or assignee can do this."

    def has_object_permission(self, request, view, obj):
        return _user_id(request) in {obj.creator_id, obj.assignee_id}


class IsEventOrTaskCreator(BasePermission):
    """The creator of the task or of its event (assign)."""

    message = "Only the creator of the task or of its event can assign it."

    def has_object_permission(self, request, view, obj):
        return _user_id(request) in {obj.creator_id, obj.event.creator_id}
