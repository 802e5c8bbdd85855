"""STORAGES from the environment: local files unless S3_BUCKET is set, then two buckets, never one."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

from core.media_settings import LOCAL_STORAGES, media_storages
from core.private_media import PrivateMediaStorage

S3_ENV = {
    "S3_BUCKET": "media",
    "S3_PRIVATE_BUCKET": "private",
    "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    "S3_REGION": "eu-west-1",
    "S3_CUSTOM_DOMAIN": "media.example.com",
    "S3_SIGNED_URL_SECONDS": "120",
}


@pytest.fixture
def s3_env(monkeypatch):
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)


def test_local_files_without_s3_bucket(monkeypatch):
    monkeypatch.delenv("S3_BUCKET", raising=False)
    assert media_storages(environ.Env()) == LOCAL_STORAGES


def test_two_buckets_with_s3_bucket(s3_env):
    configured = media_storages(environ.Env())
    public, private = configured["default"], configured["private"]
    assert public["BACKEND"] == "core.media_storage.PublicS3Storage"
    assert (public["OPTIONS"]["bucket_name"], public["OPTIONS"]["custom_domain"]) == ("media", "media.example.com")
    assert private["BACKEND"] == "core.media_storage.PrivateS3Storage"
    assert (private["OPTIONS"]["bucket_name"], private["OPTIONS"]["querystring_expire"]) == ("private", 120)
    assert "custom_domain" not in private["OPTIONS"]
    assert public["OPTIONS"]["endpoint_url"] == private["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"


@pytest.mark.parametrize("private_bucket", ["", "media"])
def test_private_files_need_a_bucket_of_their_own(s3_env, monkeypatch, private_bucket):
    monkeypatch.setenv("S3_PRIVATE_BUCKET", private_bucket)
    with pytest.raises(ImproperlyConfigured, match="S3_PRIVATE_BUCKET"):
        media_storages(environ.Env())


def test_the_private_field_storage_follows_the_settings(settings, s3_env):
    """Fields keep one deconstructible storage; which backend it uses is read at each use."""
    settings.STORAGES = {**settings.STORAGES, **media_storages(environ.Env())}
    assert type(PrivateMediaStorage().backend).__name__ == "PrivateS3Storage"
    assert PrivateMediaStorage().backend is storages["private"]
    with pytest.raises(ValueError, match="no public URL"):
        PrivateMediaStorage().url("townspark/resolver_docs/id.pdf")
