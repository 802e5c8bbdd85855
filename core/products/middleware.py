"""Resolves the product of each request and, on a product's own host, serves its unprefixed paths."""

from core.products import registry


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
        return self.get_response(request)
