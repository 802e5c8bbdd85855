"""Content negotiation: DRF's, without parsing an Accept header that asks for nothing in particular."""

from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    """A view with one renderer answers `Accept: */*` (or none, or the renderer's own type) with it at once.

    That is what DRF's negotiation concludes for them too, after parsing and ranking the header on
    every request (2% of a light read's CPU, issue #16). Anything else (several types, parameters
    such as `indent`, a `?format=`, a suffix, several renderers) goes through DRF's as before.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        if len(renderers) == 1 and not format_suffix and self.settings.URL_FORMAT_OVERRIDE not in request.query_params:
            renderer = renderers[0]
            if request.META.get("HTTP_ACCEPT", "*/*") in ("*/*", renderer.media_type):
                return renderer, renderer.media_type
        return super().select_renderer(request, renderers, format_suffix)
