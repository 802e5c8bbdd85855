"""`seed_demo [--product P]`: fill enabled products with demo data, idempotently, and print the demo logins."""

from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.demo import SeedContext
from core.products.registry import enabled_products


class Command(BaseCommand):
    help = "Seed demo data for every enabled product (or one with --product) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--product", choices=list(enabled_products()), default=None)
        parser.add_argument("--scale", type=float, default=None, help="Bulk data at scale N (benchmarks).")

    def handle(self, *args, product, scale, **options):
        products = [enabled_products()[product]] if product else list(enabled_products().values())
        for item in products:
            if find_spec(f"{item.key}.demo") is None:
                self.stdout.write(f"{item.name}: no demo data yet.")
                continue
            context = SeedContext(realm=item.key, scale=scale)
            try:
                with transaction.atomic():
                    import_module(f"{item.key}.demo").seed(context)
            except Exception as exc:
                raise CommandError(f"Seeding {item.name} failed: {exc}") from exc
            self.stdout.write(self.style.MIGRATE_HEADING(f"{item.name} ({item.api_root})"))
            for login in context.logins:
                who = f"{login.email}" + (f" / username {login.username}" if login.username else "")
                self.stdout.write(f"  {login.role:<12} {who}  password: {login.password}")
