"""`create_account PRODUCT --email E --password P [--role R] [--username U]`: bootstrap an account without a browser."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.accounts.services import account_create
from core.products.registry import enabled_products


class Command(BaseCommand):
    help = "Create an active, verified account in a product realm (any role, admins included) and print its id."

    def add_arguments(self, parser):
        parser.add_argument("product", help="Product key: " + ", ".join(enabled_products()))
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)
        parser.add_argument("--role", default=None, help="A role of that product; its default role if omitted.")
        parser.add_argument("--username", default="")
        parser.add_argument("--name", default="")

    def handle(self, *args, product, email, password, role, username, name, **options):
        try:
            user = account_create(
                realm=product, email=email, password=password, role=role, username=username, name=name
            )
        except ValidationError as exc:
            messages = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items())
            raise CommandError(messages) from exc
        self.stdout.write(str(user.pk))
