"""Uploads in tests on local files or on a local S3 server (moto on loopback), through the same fixtures.

`media_storage` runs a test twice, once per storage; `s3_storage` runs it on S3 only. Both give a
StoredMedia: what each storage holds and the bytes a stored file's URL serves.
"""

import json
import logging
import socket
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from core.media_settings import S3Config, s3_storages

ACCESS_KEY_ID = "testing"
SECRET_ACCESS_KEY = "testing"  # noqa: S105 - moto accepts any key
REGION = "us-east-1"
# A short expiry so a test can outwait a signed URL.
SIGNED_URL_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url: str) -> tuple[int, dict, bytes]:
    """GET over loopback only: (status, headers with lower-case names, body), errors included."""
    assert urlsplit(url).hostname in {"127.0.0.1", "localhost"}, f"tests never leave the machine: {url}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback http, asserted above
            return response.status, lower_keys(response.headers.items()), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, lower_keys(exc.headers.items()), exc.read()


def lower_keys(headers) -> dict:
    return {name.lower(): value for name, value in headers}


@dataclass
class S3Server:
    """moto's S3 on 127.0.0.1; buckets made per test, so tests never see each other's objects."""

    endpoint_url: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )

    def config(self, *, bucket: str, private_bucket: str) -> S3Config:
        return S3Config(
            bucket=bucket,
            private_bucket=private_bucket,
            endpoint_url=self.endpoint_url,
            region=REGION,
            access_key_id=ACCESS_KEY_ID,
            secret_access_key=SECRET_ACCESS_KEY,
            signed_url_seconds=SIGNED_URL_SECONDS,
        )

    def create_buckets(self) -> tuple[str, str]:
        """A public media bucket readable by anyone (the README's bucket policy) and a private one."""
        suffix = uuid.uuid4().hex[:12]
        public, private = f"media-{suffix}", f"private-{suffix}"
        client = self.client()
        client.create_bucket(Bucket=public)
        client.create_bucket(Bucket=private)
        client.put_bucket_policy(Bucket=public, Policy=json.dumps(public_read_policy(public)))
        return public, private


def public_read_policy(bucket: str) -> dict:
    """The policy the README gives the public media bucket: anyone may GET an object, nothing else."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicReadMedia",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


class StoredMedia:
    """What a test may ask of the storage in use, whichever it is."""

    kind: str

    def public_names(self) -> list[str]:
        raise NotImplementedError

    def private_names(self) -> list[str]:
        raise NotImplementedError

    def fetch(self, url: str) -> tuple[int, dict, bytes]:
        """What a client downloading this media URL gets: (status, headers, body)."""
        raise NotImplementedError


@dataclass
class LocalMedia(StoredMedia):
    root: Path
    media_url: str
    kind: str = "local"

    def _names(self, folder: str) -> list[str]:
        base = self.root / folder
        return sorted(str(path.relative_to(base)) for path in base.rglob("*") if path.is_file())

    def public_names(self) -> list[str]:
        return self._names("media")

    def private_names(self) -> list[str]:
        return self._names("private")

    def fetch(self, url: str) -> tuple[int, dict, bytes]:
        path = urlsplit(url).path
        assert path.startswith(self.media_url), url
        file = self.root / "media" / path.removeprefix(self.media_url)
        return (200, {}, file.read_bytes()) if file.is_file() else (404, {}, b"")


@dataclass
class S3Media(StoredMedia):
    server: S3Server
    bucket: str
    private_bucket: str
    kind: str = "s3"

    def _names(self, bucket: str) -> list[str]:
        listing = self.server.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def public_names(self) -> list[str]:
        return self._names(self.bucket)

    def private_names(self) -> list[str]:
        return self._names(self.private_bucket)

    def head(self, bucket: str, name: str) -> dict:
        return self.server.client().head_object(Bucket=bucket, Key=name)

    def fetch(self, url: str) -> tuple[int, dict, bytes]:
        assert url.startswith(f"{self.server.endpoint_url}/{self.bucket}/"), url
        return http_get(url)


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 server in this process, on a free loopback port; worker subprocesses reach it over HTTP."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield S3Server(endpoint_url=f"http://127.0.0.1:{port}")
    finally:
        server.stop()


@pytest.fixture
def s3_storage(settings, s3_server) -> S3Media:
    """Uploads of this test go to fresh buckets on the local S3 server (STORAGES switched; Django drops its cache)."""
    bucket, private_bucket = s3_server.create_buckets()
    storages = s3_storages(s3_server.config(bucket=bucket, private_bucket=private_bucket))
    settings.STORAGES = {**settings.STORAGES, **storages}
    return S3Media(server=s3_server, bucket=bucket, private_bucket=private_bucket)


@pytest.fixture
def local_storage(settings, tmp_path) -> LocalMedia:
    """Uploads of this test go to its own MEDIA_ROOT and PRIVATE_MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return LocalMedia(root=tmp_path, media_url=settings.MEDIA_URL)


@pytest.fixture(params=["local", "s3"])
def media_storage(request) -> StoredMedia:
    """The test runs once on local files and once on the local S3 server."""
    return request.getfixturevalue(f"{request.param}_storage")
