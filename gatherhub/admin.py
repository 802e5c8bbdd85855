"""Django admin for platform operators: GatherHub's events with participants, tasks and votes (read mostly).

Counters and memberships change through the services only, so participations are shown, not edited.
"""

from django.contrib import admin

from gatherhub.models import Event, Participation, Task, Vote, VoteOption


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    can_delete = False
    readonly_fields = ("user", "joined_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "date", "creator", "current_participants", "max_participants", "created_at")
    search_fields = ("title", "description", "location")
    date_hierarchy = "date"
    raw_id_fields = ("creator",)
    readonly_fields = ("current_participants", "created_at", "updated_at")
    inlines = [ParticipationInline]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "status", "priority", "assignee", "due_date")
    list_filter = ("status", "priority")
    search_fields = ("title", "event__title")
    raw_id_fields = ("event", "assignee", "creator")


class VoteOptionInline(admin.TabularInline):
    model = VoteOption
    extra = 0


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ("title", "event", "ends_at", "multiple_choice", "closed_at")
    search_fields = ("title", "event__title")
    raw_id_fields = ("event", "creator")
    readonly_fields = ("closed_at", "created_at")
    inlines = [VoteOptionInline]
