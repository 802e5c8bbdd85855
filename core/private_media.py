"""Files kept outside MEDIA_URL (identity documents), handed out only by views that check who asks."""

import os
from pathlib import PurePath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.http import FileResponse, HttpResponseRedirect
from django.utils.deconstruct import deconstructible

from core.uploads import FILE_TYPES

CONTENT_TYPES = {file_type.extension: file_type.content_type for file_type in FILE_TYPES.values()}
PRIVATE_STORAGE_ALIAS = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, which no URL maps to; the setting is read at each use, not at import."""

    def __init__(self, **kwargs):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL: hand them out through an authorised view.")


@deconstructible(path="core.private_media.PrivateMediaStorage")
class PrivateMediaStorage(Storage):
    """The storage of private file fields: STORAGES["private"] (local disk or a private bucket), looked up at use.

    Fields keep this one class whatever the deployment, so migrations do not depend on the environment.
    """

    @property
    def backend(self) -> Storage:
        return storages[PRIVATE_STORAGE_ALIAS]

    def open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def save(self, name, content, max_length=None):
        return self.backend.save(name, content, max_length=max_length)

    def generate_filename(self, filename):
        return self.backend.generate_filename(filename)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def delete(self, name):
        self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def size(self, name):
        return self.backend.size(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def path(self, name):
        return self.backend.path(name)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)

    def url(self, name):
        raise ValueError("Private files have no public URL: hand them out through an authorised view.")

    def signed_url(self, name: str, *, filename: str, content_type: str) -> str | None:
        """A short-lived download URL when the backend makes them (a bucket); None for local files."""
        signer = getattr(self.backend, "signed_url", None)
        return signer(name, filename=filename, content_type=content_type) if signer else None


def private_file_response(field_file, *, filename: str):
    """A download of a stored file: typed by the extension we gave it, never rendered nor sniffed, never cached.

    Local files stream through this response; files in a private bucket are a 302 to a short-lived
    signed URL whose response carries the same type and attachment name. Files stored before their
    names followed the detected type may carry any extension; anything that is not one of our types
    goes out as application/octet-stream.
    """
    extension = PurePath(field_file.name).suffix.lower()
    download_name = f"{filename}{extension if extension in CONTENT_TYPES else ''}"
    content_type = CONTENT_TYPES.get(extension, "application/octet-stream")
    signer = getattr(field_file.storage, "signed_url", None)
    signed = signer(field_file.name, filename=download_name, content_type=content_type) if signer else None
    if signed:
        response = HttpResponseRedirect(signed)
    else:
        response = FileResponse(
            field_file.open("rb"), as_attachment=True, filename=download_name, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
