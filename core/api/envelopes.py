"""The five documented envelope styles: success body, error body, pagination shape and page sizes.

A product names its style in its `product.py`; nothing else in the code base
builds a response envelope.
"""

from typing import Any

from django.utils import timezone


def utc_timestamp() -> str:
    return timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ")


class EnvelopeStyle:
    """Base style: plain DRF bodies and `{count, next, previous, results}` pages."""

    name = "plain"
    default_page_size = 20
    max_page_size = 100
    default_message = "Operation successful"

    def success(self, data: Any, *, message: str | None) -> Any:
        return data

    def page(self, *, results, count, next_url, previous_url, page, page_size, total_pages) -> dict:
        return {"count": count, "next": next_url, "previous": previous_url, "results": results}

    def paginated(self, body: dict, *, message: str | None) -> Any:
        return self.success(body, message=message)

    def error(self, *, status: int, code: str, message: str, details: dict | None) -> dict:
        raise NotImplementedError

    # OpenAPI: how the envelope wraps a payload schema, and the error component.
    def success_schema(self, data_schema: dict) -> dict:
        return data_schema

    def page_schema(self, item_schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "example": 123},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": {"type": "array", "items": item_schema},
            },
        }

    def paginated_schema(self, page_schema: dict) -> dict:
        """How a page body (see `page_schema`) is wrapped for the wire."""
        return self.success_schema(page_schema)

    def error_schema(self) -> dict:
        raise NotImplementedError


_FIELD_ERRORS = {"type": "object", "additionalProperties": {}}
_TIMESTAMP = {"type": "string", "format": "date-time"}


class SuccessMetaStyle(EnvelopeStyle):
    """TownSpark: `{success, message, data, meta: {timestamp}}`; pages inside `data` with page numbers."""

    name = "success_meta"
    default_page_size = 10

    def success(self, data, *, message):
        return {
            "success": True,
            "message": message or self.default_message,
            "data": data,
            "meta": {"timestamp": utc_timestamp()},
        }

    def page(self, *, results, count, next_url, previous_url, page, page_size, total_pages):
        return {
            "results": results,
            "count": count,
            "next": next_url,
            "previous": previous_url,
            "page": page,
            "page_size": page_size,
            "total_pages": total_pages,
        }

    def error(self, *, status, code, message, details):
        body = {"success": False, "message": message}
        if details:
            body["errors"] = details
        body["error_code"] = code
        body["meta"] = {"timestamp": utc_timestamp()}
        return body

    def success_schema(self, data_schema):
        return {
            "type": "object",
            "required": ["success", "message", "data", "meta"],
            "properties": {
                "success": {"type": "boolean", "enum": [True]},
                "message": {"type": "string"},
                "data": data_schema,
                "meta": {"type": "object", "properties": {"timestamp": _TIMESTAMP}},
            },
        }

    def page_schema(self, item_schema):
        schema = super().page_schema(item_schema)
        schema["properties"].update(
            page={"type": "integer"}, page_size={"type": "integer"}, total_pages={"type": "integer"}
        )
        return schema

    def error_schema(self):
        return {
            "type": "object",
            "required": ["success", "message", "error_code"],
            "properties": {
                "success": {"type": "boolean", "enum": [False]},
                "message": {"type": "string"},
                "errors": _FIELD_ERRORS,
                "error_code": {"type": "string", "example": "VALIDATION_ERROR"},
                "meta": {"type": "object", "properties": {"timestamp": _TIMESTAMP}},
            },
        }


class DrfStatusCodeStyle(EnvelopeStyle):
    """A-List Home Pros: plain DRF bodies; errors `{error, details, status_code}`."""

    name = "drf_status_code"
    default_page_size = 10

    def error(self, *, status, code, message, details):
        return {"error": message, "details": details or {}, "status_code": status}

    def error_schema(self):
        return {
            "type": "object",
            "required": ["error", "details", "status_code"],
            "properties": {
                "error": {"type": "string"},
                "details": _FIELD_ERRORS,
                "status_code": {"type": "integer"},
            },
        }


class DrfTimestampedStyle(EnvelopeStyle):
    """GatherHub: plain DRF bodies; errors `{error: code, message, details, timestamp}`."""

    name = "drf_timestamped"

    def error(self, *, status, code, message, details):
        return {"error": code, "message": message, "details": details or {}, "timestamp": utc_timestamp()}

    def error_schema(self):
        return {
            "type": "object",
            "required": ["error", "message"],
            "properties": {
                "error": {"type": "string", "example": "validation_error"},
                "message": {"type": "string"},
                "details": _FIELD_ERRORS,
                "timestamp": _TIMESTAMP,
            },
        }


class StatusMessageStyle(EnvelopeStyle):
    """Parking in a Pinch: `{status: "success", data, message}`.

    Errors are `{status: "error", errors, message, error_code}`.
    """

    name = "status_message"

    def success(self, data, *, message):
        return {"status": "success", "data": data, "message": message or self.default_message}

    def error(self, *, status, code, message, details):
        return {"status": "error", "errors": details or {}, "message": message, "error_code": code}

    def success_schema(self, data_schema):
        return {
            "type": "object",
            "required": ["status", "data", "message"],
            "properties": {
                "status": {"type": "string", "enum": ["success"]},
                "data": data_schema,
                "message": {"type": "string"},
            },
        }

    def error_schema(self):
        return {
            "type": "object",
            "required": ["status", "message", "error_code"],
            "properties": {
                "status": {"type": "string", "enum": ["error"]},
                "errors": _FIELD_ERRORS,
                "message": {"type": "string"},
                "error_code": {"type": "string", "example": "VALIDATION_ERROR"},
            },
        }


class StatusOkStyle(EnvelopeStyle):
    """Ressourcefy: `{status: "ok", data}`; errors `{error: {code, message}}` (field errors under `details`).

    Pages are `{count, next, previous, results}` inside `data`, like every other answer (Ressourcefy's one
    success envelope, also where its document shows a list bare).
    """

    name = "status_ok"

    def success(self, data, *, message):
        return {"status": "ok", "data": data}

    def error(self, *, status, code, message, details):
        error = {"code": code, "message": message}
        if details:
            error["details"] = details
        return {"error": error}

    def success_schema(self, data_schema):
        return {
            "type": "object",
            "required": ["status", "data"],
            "properties": {"status": {"type": "string", "enum": ["ok"]}, "data": data_schema},
        }

    def error_schema(self):
        return {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": {"type": "string", "example": "validation_error"},
                        "message": {"type": "string"},
                        "details": _FIELD_ERRORS,
                    },
                }
            },
        }


STYLES: dict[str, EnvelopeStyle] = {
    style.name: style
    for style in (
        SuccessMetaStyle(),
        DrfStatusCodeStyle(),
        DrfTimestampedStyle(),
        StatusMessageStyle(),
        StatusOkStyle(),
    )
}
# Outside any product (root health, index) errors use GatherHub's neutral shape.
PLATFORM_STYLE = STYLES["drf_timestamped"]


def style_named(name: str) -> EnvelopeStyle:
    return STYLES[name]


def style_for(product) -> EnvelopeStyle:
    return STYLES[product.envelope] if product is not None else PLATFORM_STYLE
