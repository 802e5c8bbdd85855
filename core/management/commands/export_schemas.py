"""`export_schemas [--out DIR]`: write each enabled product's OpenAPI schema as JSON (for Postman and clients)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from core.docs.schema import build_product_schema
from core.products.registry import enabled_products


class Command(BaseCommand):
    help = "Write build/openapi/<product>.json for every enabled product."

    def add_arguments(self, parser):
        parser.add_argument("--out", default="build/openapi")

    def handle(self, *args, out, **options):
        directory = Path(out)
        directory.mkdir(parents=True, exist_ok=True)
        for product in enabled_products().values():
            target = directory / f"{product.key}.json"
            target.write_text(json.dumps(build_product_schema(product), indent=2, default=str))
            self.stdout.write(str(target))
