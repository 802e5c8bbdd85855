"""Public media (MEDIA_URL) served by Django under DEBUG: images as themselves, anything else as a download."""

import re
from pathlib import PurePath

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from core.uploads import FILE_TYPES

# What we store as public media are images named by their detected type; a file stored before
# that (say `TS-1575-1.html`) must not be rendered by the browser as what its name claims.
INLINE_EXTENSIONS = {
    file_type.extension for file_type in FILE_TYPES.values() if file_type.content_type.startswith("image/")
}


def media_serve(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    # Set here as well as by SecurityMiddleware: media must not be sniffed whatever the settings say.
    response["X-Content-Type-Options"] = "nosniff"
    if PurePath(path).suffix.lower() not in INLINE_EXTENSIONS:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    return response


def media_urlpatterns() -> list:
    """The MEDIA_URL route; config/urls.py adds it under DEBUG only (production media needs its own server)."""
    return [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", media_serve)]
