"""Uploads on S3-compatible buckets: public media served by the bucket (or its CDN), private files by signed URL."""

from pathlib import PurePath

from storages.backends.s3 import S3Storage

from core.uploads import FILE_TYPES

# Public objects are named by their detected type and never rewritten under the same name.
PUBLIC_CACHE_CONTROL = "public, max-age=86400"
INLINE_CONTENT_TYPES = {
    file_type.extension: file_type.content_type
    for file_type in FILE_TYPES.values()
    if file_type.content_type.startswith("image/")
}
CONTENT_TYPES = {file_type.extension: file_type.content_type for file_type in FILE_TYPES.values()}


class PublicS3Storage(S3Storage):
    """Public media (issue images, thumbnails, listing photos, avatars): plain URLs on the bucket or CDN domain.

    Reads are granted by the bucket's policy (README, Production storage), so the URLs are unsigned and
    cacheable. Each object's Content-Type is set from its extension, which our uploads take from their
    detected content: images as themselves, anything else (a name stored before that rule) as an
    attachment, the way core.media serves /media/ under DEBUG.
    """

    querystring_auth = False
    # As FileSystemStorage does: a name in use gets a suffix rather than replacing another upload.
    file_overwrite = False

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        content_type = INLINE_CONTENT_TYPES.get(PurePath(name).suffix.lower())
        if content_type is None:
            parameters["ContentType"] = "application/octet-stream"
            parameters["ContentDisposition"] = "attachment"
        else:
            parameters["ContentType"] = content_type
        parameters.setdefault("CacheControl", PUBLIC_CACHE_CONTROL)
        return parameters


class PrivateS3Storage(S3Storage):
    """Private files (resolver ID documents) on a bucket without public access, reached only by signed URLs.

    url() refuses like the local private storage: signed_url() is called by the authorised view alone.
    """

    querystring_auth = True
    file_overwrite = False
    custom_domain = None  # a CDN in front would cache what must stay per request

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters["ContentType"] = CONTENT_TYPES.get(PurePath(name).suffix.lower(), "application/octet-stream")
        parameters["CacheControl"] = "private, no-store"
        return parameters

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL: hand them out through an authorised view.")

    def signed_url(self, name: str, *, filename: str, content_type: str) -> str:
        """A GET URL valid for querystring_expire seconds that downloads the file as `filename`, never rendered."""
        parameters = {
            "ResponseContentDisposition": f'attachment; filename="{filename}"',
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        }
        return super().url(name, parameters=parameters)
