"""Root URLconf: the index, the admin, root health, and every enabled product under its prefix."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core.docs.views import index
from core.media import media_urlpatterns
from core.products.registry import enabled_products
from core.products.urls import product_urlpatterns

urlpatterns = [
    path("", index, name="index"),
    path("admin/", admin.site.urls),
    path("health/", include("core.health.urls")),
]
for product in enabled_products().values():
    urlpatterns += product_urlpatterns(product)

if settings.DEBUG:
    urlpatterns += media_urlpatterns()

handler400 = "core.api.errors.bad_request"
handler403 = "core.api.errors.permission_denied"
handler404 = "core.api.errors.page_not_found"
handler500 = "core.api.errors.server_error"
