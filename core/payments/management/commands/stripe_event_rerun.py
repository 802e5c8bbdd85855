"""Re-run the handler of a Stripe webhook event that failed: `manage.py stripe_event_rerun EVENT_ID [--product P]`."""

from django.core.management.base import BaseCommand, CommandError

from core.payments.models import WebhookEvent
from core.payments.webhooks import webhook_event_rerun


class Command(BaseCommand):
    help = "Re-run the handler of a failed Stripe webhook event (handled and ignored events are left alone)."

    def add_arguments(self, parser):
        parser.add_argument("event_id", help="Stripe's event id, evt_...")
        parser.add_argument("--product", help="The product that received it, when several did.")

    def handle(self, *args, event_id: str, product: str | None, **options):
        events = WebhookEvent.objects.filter(event_id=event_id)
        if product:
            events = events.filter(product=product)
        found = list(events)
        if not found:
            raise CommandError(f"No stored event {event_id}" + (f" for {product}." if product else "."))
        if len(found) > 1:
            raise CommandError(f"{event_id} reached {', '.join(e.product for e in found)}: name one with --product.")
        event = found[0]
        if event.status != WebhookEvent.Status.FAILED:
            self.stdout.write(f"{event_id} is {event.status}: nothing to re-run.")
            return
        status = webhook_event_rerun(event_pk=event.pk)
        if status == WebhookEvent.Status.FAILED:
            event.refresh_from_db()
            raise CommandError(f"{event_id} failed again:\n{event.error}")
        self.stdout.write(self.style.SUCCESS(f"{event_id} {status}."))
