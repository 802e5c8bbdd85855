"""Resolves the product of each request, serves a product's own host unprefixed, and keeps errors JSON."""

from core.products import registry

# Only the Django admin answers errors in HTML.
HTML_AREAS = ("/admin/",)


class ProductMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host_product = registry.product_for_host(request.META.get("HTTP_HOST", ""))
        if host_product is not None:
            request.product = host_product
            request.urlconf = registry.host_urlconf(host_product.key)
        else:
            request.product = registry.product_for_path(request.path_info)
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path_info.startswith(HTML_AREAS)
        ):
            # Django's own error pages (DEBUG's technical 404/500, CSRF, 400) become JSON errors.
            from core.api.errors import error_page_for_status

            response = error_page_for_status(request, response.status_code)
        return response
