"""Uploads on local files and on S3 alike: issue images with thumbnails, ID documents behind the admin's check."""

import os
import subprocess
import sys
import time
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from core.testing.s3 import SIGNED_URL_SECONDS, http_get, lower_keys
from core.testing.uploads import pdf_bytes
from townspark.models import IssueImage, ResolverProfile
from townspark.tests.api.test_auth import resolver_body
from townspark.tests.api.test_issues import create_body
from townspark.tests.conftest import API, image_file
from townspark.tests.helpers import error, ok_data

REGISTER_RESOLVER = API + "auth/register/resolver/"


def thumbnail_size(data: bytes) -> tuple[int, int]:
    with Image.open(BytesIO(data)) as thumbnail:
        return thumbnail.size


@pytest.mark.django_db
class TestIssueImages:
    def test_images_and_thumbnails_are_stored_and_served(
        self, media_storage, citizen_client, django_capture_on_commit_callbacks
    ):
        uploads = [image_file("a.png", "PNG"), image_file("b.jpg", "JPEG", color=(10, 90, 200))]
        sent = [upload.read() for upload in uploads]
        [upload.seek(0) for upload in uploads]
        with django_capture_on_commit_callbacks(execute=True):
            data = ok_data(citizen_client.post(API + "issues/", create_body(images=uploads), format="multipart"), 201)
        assert [media_storage.fetch(url)[2] for url in data["images"]] == sent
        detail = ok_data(citizen_client.get(API + f"issues/{data['id']}/"))
        thumbnails = [media_storage.fetch(image["thumbnail"]) for image in detail["image_details"]]
        assert [status for status, _, _ in thumbnails] == [200, 200]
        assert all(thumbnail_size(body)[0] <= 300 and thumbnail_size(body)[1] <= 200 for _, _, body in thumbnails)
        names = [
            name
            for image in IssueImage.objects.filter(issue_id=data["id"])
            for name in (image.image.name, image.thumbnail.name)
        ]
        assert media_storage.public_names() == sorted(names) and media_storage.private_names() == []


@pytest.mark.django_db
class TestPublicObjectsOnS3:
    def test_objects_carry_their_type_and_cache_control(self, s3_storage, citizen_client):
        data = ok_data(
            citizen_client.post(API + "issues/", create_body(images=[image_file("x.html", "PNG")]), format="multipart"),
            201,
        )
        status, headers, _ = s3_storage.fetch(data["images"][0])
        assert status == 200 and headers["content-type"] == "image/png"
        assert headers["cache-control"].startswith("public")

    def test_a_stored_name_that_is_not_an_image_downloads_as_bytes(self, s3_storage):
        from django.core.files.storage import default_storage

        name = default_storage.save("townspark/issues/old.html", SimpleUploadedFile("x", b"<script></script>"))
        status, headers, _ = s3_storage.fetch(default_storage.url(name))
        assert status == 200 and headers["content-type"] == "application/octet-stream"
        assert headers["content-disposition"] == "attachment"

    def test_a_name_in_use_is_never_overwritten(self, s3_storage):
        from django.core.files.storage import default_storage

        first = default_storage.save("townspark/issues/1-1.png", SimpleUploadedFile("x", b"first"))
        second = default_storage.save("townspark/issues/1-1.png", SimpleUploadedFile("x", b"second"))
        assert first != second and default_storage.open(first).read() == b"first"


@pytest.fixture
def registered(api_client):
    """A resolver who signed up with a PDF named as HTML."""
    body = resolver_body(id_document=SimpleUploadedFile("id.html", pdf_bytes(), content_type="text/html"))
    data = ok_data(api_client.post(REGISTER_RESOLVER, body, format="multipart"), 201)
    return ResolverProfile.objects.get(user__uuid=data["user"]["id"]).user


def id_document_url(user) -> str:
    return API + f"admin/resolvers/{user.uuid}/id-document/"


def download(storage, response) -> tuple[int, dict, bytes]:
    """What the admin's client ends with: the streamed file (local), or the signed URL's answer (S3)."""
    if response.status_code == 302:
        return http_get(response["Location"])
    return response.status_code, lower_keys(response.items()), b"".join(response.streaming_content)


@pytest.mark.django_db
class TestIdDocuments:
    def test_stored_privately_and_only_admins_get_it(
        self, media_storage, registered, admin_client, citizen_client, resolver_client, api_client
    ):
        name = registered.resolver_profile.id_document.name
        assert media_storage.private_names() == [name] and media_storage.public_names() == []
        error(citizen_client.get(id_document_url(registered)), 403, "PERMISSION_DENIED")
        error(resolver_client.get(id_document_url(registered)), 403, "PERMISSION_DENIED")
        error(api_client.get(id_document_url(registered)), 401, "AUTHENTICATION_REQUIRED")
        response = admin_client.get(id_document_url(registered))
        assert response["Cache-Control"] == "private, no-store"
        status, headers, body = download(media_storage, response)
        assert status == 200 and body == pdf_bytes()
        assert headers["content-type"] == "application/pdf"
        assert headers["content-disposition"] == 'attachment; filename="id-document.pdf"'

    def test_on_s3_the_admin_gets_a_short_lived_signed_url(self, s3_storage, registered, admin_client):
        """moto does not enforce a presigned URL's expiry: we check the signed expiry and that bare URLs fail."""
        before = time.time()
        response = admin_client.get(id_document_url(registered))
        assert response.status_code == 302
        signed = urlsplit(response["Location"])
        query = parse_qs(signed.query)
        name = registered.resolver_profile.id_document.name
        assert signed.path == f"/{s3_storage.private_bucket}/{name}"
        assert query["X-Amz-Expires"] == [str(SIGNED_URL_SECONDS)] and "X-Amz-Signature" in query
        signed_at = time.mktime(time.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")) - time.timezone
        assert before - 5 <= signed_at <= time.time() + 5
        # Without the signature the object is not readable, nor through the public bucket's address.
        assert http_get(f"{s3_storage.server.endpoint_url}{signed.path}")[0] == 403
        assert http_get(f"{s3_storage.server.endpoint_url}/{s3_storage.bucket}/{name}")[0] == 404
        assert s3_storage.head(s3_storage.private_bucket, name)["ContentType"] == "application/pdf"

    def test_private_files_have_no_url(self, s3_storage, registered):
        with pytest.raises(ValueError, match="no public URL"):
            registered.resolver_profile.id_document.url  # noqa: B018


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_thumbnails_made_by_a_worker_process_sharing_no_disk(s3_storage, citizen_client, tmp_path, monkeypatch):
    """The web process stores the images; a separate process with its own MEDIA_ROOT makes the thumbnails on S3."""
    from townspark.tasks import issue_image_thumbnails

    queued = []
    monkeypatch.setattr(issue_image_thumbnails, "delay", queued.append)  # the broker: the worker runs below
    data = ok_data(citizen_client.post(API + "issues/", create_body(images=[image_file()]), format="multipart"), 201)
    assert queued and not IssueImage.objects.get(issue_id=data["id"]).thumbnail
    assert s3_storage.fetch(data["images"][0])[0] == 200

    database = connection.settings_dict
    worker_env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("S3_", "DJANGO_", "REDIS"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "worker-" + "x" * 60,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "MEDIA_ROOT": str(tmp_path / "worker-media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "worker-private"),
        "S3_BUCKET": s3_storage.bucket,
        "S3_PRIVATE_BUCKET": s3_storage.private_bucket,
        "S3_ENDPOINT_URL": s3_storage.server.endpoint_url,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
    }
    script = (
        "import django, json, sys; django.setup();"
        "from townspark.tasks import issue_image_thumbnails;"
        "print(issue_image_thumbnails.apply(args=[json.loads(sys.argv[1])]).get())"
    )
    worker = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script, str(queued[0])],
        cwd=settings.BASE_DIR,
        env=worker_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert worker.returncode == 0, worker.stderr
    assert worker.stdout.strip().splitlines()[-1] == "1"
    assert not (tmp_path / "worker-media").exists()  # nothing went to the worker's disk
    detail = ok_data(citizen_client.get(API + f"issues/{data['id']}/"))
    status, headers, body = s3_storage.fetch(detail["image_details"][0]["thumbnail"])
    assert status == 200 and headers["content-type"] == "image/jpeg" and thumbnail_size(body) == (300, 200)
