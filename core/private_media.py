"""Files kept outside MEDIA_URL (identity documents), handed out only by views that check who asks."""

import os
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse
from django.utils.deconstruct import deconstructible

from core.uploads import FILE_TYPES

CONTENT_TYPES = {file_type.extension: file_type.content_type for file_type in FILE_TYPES.values()}


@deconstructible(path="core.private_media.PrivateMediaStorage")
class PrivateMediaStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which no URL maps to; the setting is read at each use, not at import."""

    def __init__(self):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL: hand them out through an authorised view.")


def private_file_response(field_file, *, filename: str) -> FileResponse:
    """A download of a stored file: typed by the extension we gave it, never rendered nor sniffed, never cached.

    Files stored before their names followed the detected type may carry any extension; anything
    that is not one of our types goes out as application/octet-stream.
    """
    extension = PurePath(field_file.name).suffix.lower()
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=f"{filename}{extension if extension in CONTENT_TYPES else ''}",
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
