"""The JSON renderer that wraps successful responses in the envelope of the request's product."""

import orjson
from rest_framework.renderers import JSONRenderer

from core.api.envelopes import style_for
from core.products.registry import request_product

# Dates and times go to DRF's encoder (its own format: `Z` for UTC, as before); str keys are not required.
_ORJSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


class EnvelopeRenderer(JSONRenderer):
    """Wraps 2xx bodies in the product's success envelope; errors arrive already formatted.

    A view opts out with `envelope = False` (endpoints whose spec gives them
    their own shape); a response carries its message as `response.message`
    (or the view's `success_message`) and `response.paginated` for pages.

    The JSON is written by orjson, several times faster than `json.dumps` on a large page (issue #16),
    with what orjson does not know (dates, decimals, lazy strings) handed to DRF's own encoder: the same
    compact UTF-8 JSON with U+2028 and U+2029 escaped. Two differences, both still the same JSON values:
    a float may be written in another notation of the same number (`1e-07` as `1e-7`), and NaN or an
    infinity is written as null (DRF's strict encoder raised, a 500). What orjson refuses (an integer
    past 64 bits, an unknown type) and indented output (`Accept: application/json; indent=4`) go
    through DRF's renderer as before.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        context = renderer_context or {}
        response = context.get("response")
        view = context.get("view")
        if (
            response is not None
            and response.status_code < 400
            and response.status_code != 204
            and getattr(view, "envelope", True)
            and getattr(response, "envelope", True)
        ):
            style = style_for(request_product(context["request"]))
            message = getattr(response, "message", None) or getattr(view, "success_message", None)
            if getattr(response, "paginated", False):
                data = style.paginated(data, message=message)
            else:
                data = style.success(data, message=message)
        if data is None or self.get_indent(accepted_media_type, context) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=self.encoder_class().default, option=_ORJSON_OPTIONS)
        except (orjson.JSONEncodeError, TypeError):
            return super().render(data, accepted_media_type, renderer_context)
        if b"\xe2\x80\xa8" in body or b"\xe2\x80\xa9" in body:
            body = body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
        return body
