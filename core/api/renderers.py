"""The JSON renderer that wraps successful responses in the envelope of the request's product."""

from rest_framework.renderers import JSONRenderer

from core.api.envelopes import style_for
from core.products.registry import request_product


class EnvelopeRenderer(JSONRenderer):
    """Wraps 2xx bodies in the product's success envelope; errors arrive already formatted.

    A view opts out with `envelope = False` (endpoints whose spec gives them
    their own shape); a response carries its message as `response.message`
    (or the view's `success_message`) and `response.paginated` for pages.
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
        return super().render(data, accepted_media_type, renderer_context)
