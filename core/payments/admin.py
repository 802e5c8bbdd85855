"""Stored webhook events in the Django admin: searchable, filterable, failed ones re-run from the list."""

from django.contrib import admin, messages

from core.payments.models import WebhookEvent
from core.payments.webhooks import webhook_event_rerun


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "product", "type", "status", "attempts", "received_at", "handled_at")
    list_filter = ("product", "status", "type")
    search_fields = ("event_id", "type")
    date_hierarchy = "received_at"
    readonly_fields = [field.name for field in WebhookEvent._meta.fields]
    actions = ["rerun_failed"]

    def has_add_permission(self, request) -> bool:
        return False  # events come from Stripe only

    @admin.action(description="Re-run the handler of the selected failed events")
    def rerun_failed(self, request, queryset):
        failed = queryset.filter(status=WebhookEvent.Status.FAILED)
        results = [webhook_event_rerun(event_pk=pk) for pk in failed.values_list("pk", flat=True)]
        handled = sum(status != WebhookEvent.Status.FAILED for status in results)
        level = messages.SUCCESS if handled == len(results) else messages.WARNING
        self.message_user(request, f"{handled} of {len(results)} failed events handled.", level)
