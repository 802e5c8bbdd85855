"""STORAGES for uploaded files, from the environment: local disk by default, S3-compatible buckets when configured.

Kept free of boto3 and of the storage classes: the settings module calls it, and so does the test fixture
that points a test at the local S3 server.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

LOCAL_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "core.private_media.PrivateFileSystemStorage"},
}


@dataclass(frozen=True)
class S3Config:
    """Where the buckets are: any S3-compatible store (AWS, MinIO, Ceph, R2) through its endpoint URL."""

    bucket: str
    private_bucket: str
    endpoint_url: str = ""
    region: str = ""
    access_key_id: str = ""
    secret_access_key: str = ""
    custom_domain: str = ""
    # "public-read" for stores that grant public reads by object ACL instead of a bucket policy.
    public_acl: str = ""
    # Path style (endpoint/bucket/key) suits MinIO, Ceph and other self-hosted stores; AWS takes either.
    addressing_style: str = "path"
    signed_url_seconds: int = 300


def s3_storages(config: S3Config) -> dict:
    """The "default" (public media) and "private" aliases of STORAGES on two buckets."""
    connection = {
        "endpoint_url": config.endpoint_url or None,
        "region_name": config.region or None,
        "access_key": config.access_key_id or None,
        "secret_key": config.secret_access_key or None,
        "addressing_style": config.addressing_style or None,
        "signature_version": "s3v4",
    }
    return {
        "default": {
            "BACKEND": "core.media_storage.PublicS3Storage",
            "OPTIONS": {
                **connection,
                "bucket_name": config.bucket,
                "custom_domain": config.custom_domain or None,
                "default_acl": config.public_acl or None,
            },
        },
        "private": {
            "BACKEND": "core.media_storage.PrivateS3Storage",
            "OPTIONS": {
                **connection,
                "bucket_name": config.private_bucket,
                "querystring_expire": config.signed_url_seconds,
            },
        },
    }


def media_storages(env) -> dict:
    """STORAGES' "default" and "private" from a django-environ Env: S3 when S3_BUCKET is set, else local files."""
    bucket = env("S3_BUCKET", default="")
    if not bucket:
        return dict(LOCAL_STORAGES)
    private_bucket = env("S3_PRIVATE_BUCKET", default="")
    if not private_bucket or private_bucket == bucket:
        raise ImproperlyConfigured(
            "Set S3_PRIVATE_BUCKET to a second bucket without public access: identity documents must never "
            "share the public media bucket."
        )
    return s3_storages(
        S3Config(
            bucket=bucket,
            private_bucket=private_bucket,
            endpoint_url=env("S3_ENDPOINT_URL", default=""),
            region=env("S3_REGION", default=""),
            access_key_id=env("S3_ACCESS_KEY_ID", default=""),
            secret_access_key=env("S3_SECRET_ACCESS_KEY", default=""),
            custom_domain=env("S3_CUSTOM_DOMAIN", default=""),
            public_acl=env("S3_PUBLIC_ACL", default=""),
            addressing_style=env("S3_ADDRESSING_STYLE", default="path"),
            signed_url_seconds=env.int("S3_SIGNED_URL_SECONDS", default=300),
        )
    )
