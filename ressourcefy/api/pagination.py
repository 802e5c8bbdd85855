"""Ressourcefy's pages: `{status: "ok", data: {count, next, previous, results}}` (the one success envelope)."""

from core.api.envelopes import style_for
from core.api.pagination import ProductPagination
from core.api.responses import ok


class EnvelopedPagination(ProductPagination):
    """Core's page-number pages (`page`, `page_size` default 20, max 100), inside the success envelope.

    Core's `status_ok` style sends pages bare (the admin API's shape); the user-facing lists wrap them.
    """

    def get_paginated_response(self, data):
        return ok(super().get_paginated_response(data).data)

    def get_paginated_response_schema(self, schema):
        style = getattr(self, "schema_style", None) or style_for(None)
        return style.success_schema(super().get_paginated_response_schema(schema))
