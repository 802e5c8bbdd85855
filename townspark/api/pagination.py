"""Pages that carry extra figures beside the documented page keys (`unread_count`, `stats`)."""

from core.api.pagination import ProductPagination


class ExtrasPagination(ProductPagination):
    """The product's page, plus `self.extra` (set by the view) merged into it."""

    extra_schema: dict = {}

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data.update(getattr(self, "extra", {}))
        return response

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        page["properties"].update(self.extra_schema)
        page.setdefault("required", [])
        page["required"] = [*page["required"], *self.extra_schema]
        return page


class NotificationPagination(ExtrasPagination):
    extra_schema = {"unread_count": {"type": "integer"}}


def _stats_schema(*keys: str) -> dict:
    return {"stats": {"type": "object", "properties": {key: {"type": "integer"} for key in keys}}}


class AdminUserPagination(ExtrasPagination):
    extra_schema = _stats_schema("total", "active", "suspended", "banned")


class AdminResolverPagination(ExtrasPagination):
    extra_schema = _stats_schema("total", "verified", "pending", "rejected")
