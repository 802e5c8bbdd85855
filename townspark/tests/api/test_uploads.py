"""Uploads are safe to serve: names from content, real PDFs, private ID documents, the pixel limit."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.uploads import pdf_bytes, png_of_size
from townspark.models import Issue, IssueImage, ResolverProfile
from townspark.services import accounts as account_services
from townspark.services.images import image_thumbnail_generate
from townspark.tests.api.test_auth import resolver_body
from townspark.tests.api.test_issues import create_body
from townspark.tests.conftest import API, image_file, make_issue
from townspark.tests.helpers import error, ok_data

pytestmark = pytest.mark.django_db
User = get_user_model()
REGISTER_RESOLVER = API + "auth/register/resolver/"
BOMB_WARNING = "ignore::PIL.Image.DecompressionBombWarning"  # Pillow's own warning at 89 Mpx; we refuse at 40


@pytest.fixture(autouse=True)
def storage_roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def bomb(name="bomb.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_of_size(13000, 13000), content_type="image/png")


class TestStoredNames:
    def test_issue_images_take_the_detected_extension(self, citizen_client, django_capture_on_commit_callbacks):
        body = create_body(images=[image_file("evil.html", "PNG"), image_file("x.png", "JPEG")])
        with django_capture_on_commit_callbacks(execute=True):
            data = ok_data(citizen_client.post(API + "issues/", body, format="multipart"), 201)
        images = IssueImage.objects.filter(issue_id=data["id"]).order_by("position")
        assert [image.image.name.rsplit("/", 1)[1] for image in images] == [
            f"{data['id']}-1.png",
            f"{data['id']}-2.jpg",
        ]
        assert [image.thumbnail.name.rsplit("/", 1)[1] for image in images] == [
            f"thumb_{data['id']}-1.jpg",
            f"thumb_{data['id']}-2.jpg",
        ]
        assert all(url.endswith((".png", ".jpg")) for url in data["images"])

    def test_after_images_too(self, resolver, resolver_client, citizen, django_capture_on_commit_callbacks):
        issue = make_issue(citizen, area="Ward A")
        ok_data(resolver_client.post(API + f"resolver/issues/{issue.id}/accept/"))
        body = {"resolution_note": "Done.", "after_images": [image_file("after.svg", "WEBP")]}
        with django_capture_on_commit_callbacks(execute=True):
            ok_data(resolver_client.post(API + f"resolver/issues/{issue.id}/complete/", body, format="multipart"))
        assert IssueImage.objects.get(issue=issue, is_after_image=True).image.name.endswith(f"{issue.id}-after-1.webp")

    def test_avatar_takes_the_detected_extension(self, citizen, citizen_client):
        data = ok_data(citizen_client.patch(API + "users/me/", {"avatar": image_file("evil.html", "PNG")}, "multipart"))
        citizen.refresh_from_db()
        assert citizen.avatar.name.startswith("avatars/") and citizen.avatar.name.endswith(".png")
        assert "evil" not in citizen.avatar.name and data["avatar"].endswith(".png")

    def test_the_service_checks_what_it_stores(self, citizen):
        """Internal callers cannot store a client's name either: the service checks the content itself."""
        text = SimpleUploadedFile("evil.html", b"<script>alert(1)</script>", content_type="image/png")
        with pytest.raises(Exception, match="must be one of"):
            make_issue(citizen, images=[text])
        assert not Issue.objects.exists()


class TestIdDocuments:
    def test_an_image_named_html_is_stored_privately_as_png(self, api_client, storage_roots):
        body = resolver_body(id_document=image_file("evil.html", "PNG"))
        data = ok_data(api_client.post(REGISTER_RESOLVER, body, format="multipart"), 201)
        name = ResolverProfile.objects.get(user__uuid=data["user"]["id"]).id_document.name
        assert name.startswith("townspark/resolver_docs/") and name.endswith(".png") and "evil" not in name
        assert stored_files(storage_roots / "private") == [name]
        assert stored_files(storage_roots / "media") == []  # nothing under MEDIA_URL

    def test_a_pdf_named_html_is_stored_as_pdf(self, api_client):
        pdf = SimpleUploadedFile("id.html", pdf_bytes(), content_type="text/html")
        data = ok_data(api_client.post(REGISTER_RESOLVER, resolver_body(id_document=pdf), format="multipart"), 201)
        assert ResolverProfile.objects.get(user__uuid=data["user"]["id"]).id_document.name.endswith(".pdf")

    @pytest.mark.parametrize(
        "content",
        [b"%PDF-1.4\n<html><script>alert(1)</script></html>", b"%PDF-1.7\nstartxref\n9\n%%EOF\n"],
    )
    def test_a_fake_pdf_is_refused_and_nothing_is_left(self, api_client, storage_roots, content):
        fake = SimpleUploadedFile("id.html", content, content_type="application/pdf")
        body = error(
            api_client.post(REGISTER_RESOLVER, resolver_body(id_document=fake), format="multipart"),
            400,
            "VALIDATION_ERROR",
        )
        assert body["errors"]["id_document"] == ["The ID document is not a valid PDF."]
        assert not User.objects.filter(realm="townspark").exists()
        assert stored_files(storage_roots) == []

    def test_a_race_for_the_employee_id_leaves_no_file(self, storage_roots, make_account, monkeypatch):
        """Another sign-up takes the employee id between the check and the insert: its row wins, our file goes."""
        make_account("townspark", role="resolver", email="first@gov.example")
        ResolverProfile.objects.create(user=User.objects.get(email="first@gov.example"), employee_id="EMP-1")
        checked = ResolverProfile.objects.none()
        monkeypatch.setattr(account_services.ResolverProfile.objects, "filter", lambda **kwargs: checked)
        with pytest.raises(Exception, match="already registered"):
            account_services.resolver_register(
                name="Second",
                email="second@gov.example",
                password="Sup3r-secret-pass!",
                department=None,
                employee_id="EMP-1",
                designation="Officer",
                id_document=SimpleUploadedFile("id.pdf", pdf_bytes()),
            )
        assert stored_files(storage_roots) == []


class TestIdDocumentDownload:
    @pytest.fixture
    def registered(self, api_client):
        body = resolver_body(id_document=SimpleUploadedFile("id.html", pdf_bytes(), content_type="text/html"))
        return User.objects.get(
            uuid=ok_data(api_client.post(REGISTER_RESOLVER, body, format="multipart"), 201)["user"]["id"]
        )

    def url(self, user) -> str:
        return API + f"admin/resolvers/{user.uuid}/id-document/"

    def test_admins_download_it_as_an_attachment(self, admin_client, registered):
        response = admin_client.get(self.url(registered))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="id-document.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == pdf_bytes()

    def test_the_admin_serializer_points_to_the_download(self, admin_client, registered):
        items = ok_data(admin_client.get(API + "admin/resolvers/pending/"))["results"]
        item = next(item for item in items if item["id"] == str(registered.uuid))
        assert item["id_document"] == "http://testserver" + self.url(registered)
        assert "/media/" not in item["id_document"]

    def test_only_admins(self, api_client, citizen_client, resolver_client, registered):
        error(citizen_client.get(self.url(registered)), 403, "PERMISSION_DENIED")
        error(resolver_client.get(self.url(registered)), 403, "PERMISSION_DENIED")
        error(api_client.get(self.url(registered)), 401, "AUTHENTICATION_REQUIRED")

    def test_missing_document_is_a_404(self, admin_client, admin, resolver, citizen, registered):
        error(admin_client.get(self.url(resolver)), 404, "NOT_FOUND")  # a resolver without a document
        error(admin_client.get(self.url(citizen)), 404, "NOT_FOUND")  # not a resolver
        profile = registered.resolver_profile
        profile.id_document.storage.delete(profile.id_document.name)
        error(admin_client.get(self.url(registered)), 404, "NOT_FOUND")  # the row names a file that is gone
        items = ok_data(admin_client.get(API + "admin/resolvers/"))["results"]
        assert next(item for item in items if item["id"] == str(resolver.uuid))["id_document"] is None

    def test_old_names_download_as_opaque_bytes(self, admin_client, resolver):
        """A document stored before names followed content (`x.html`) never comes back as HTML."""
        profile = resolver.resolver_profile
        profile.id_document.save("townspark/resolver_docs/x.html", SimpleUploadedFile("x", b"<script></script>"))
        response = admin_client.get(self.url(resolver))
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"] == 'attachment; filename="id-document"'


@pytest.mark.filterwarnings(BOMB_WARNING)
class TestPixelLimit:
    def test_issue_images(self, citizen_client, storage_roots):
        response = citizen_client.post(API + "issues/", create_body(images=[bomb()]), format="multipart")
        body = error(response, 400, "VALIDATION_ERROR")
        assert "too many pixels" in body["errors"]["images"][0]
        assert not Issue.objects.exists() and stored_files(storage_roots) == []

    def test_avatar(self, citizen, citizen_client, storage_roots):
        body = error(
            citizen_client.patch(API + "users/me/", {"avatar": bomb()}, format="multipart"), 400, "VALIDATION_ERROR"
        )
        assert "too many pixels" in body["errors"]["avatar"][0]
        citizen.refresh_from_db()
        assert not citizen.avatar and stored_files(storage_roots) == []

    def test_id_document(self, api_client, storage_roots):
        response = api_client.post(REGISTER_RESOLVER, resolver_body(id_document=bomb()), format="multipart")
        assert "too many pixels" in error(response, 400, "VALIDATION_ERROR")["errors"]["id_document"][0]
        assert not User.objects.exists() and stored_files(storage_roots) == []

    def test_thumbnails_of_stored_images_above_the_limit_are_not_decoded(self, citizen, settings):
        issue = make_issue(citizen, images=[image_file(size=(64, 48))])
        image = IssueImage.objects.get(issue=issue)
        image.thumbnail.delete(save=True)
        settings.UPLOAD_MAX_IMAGE_PIXELS = 64 * 48 - 1  # the limit went down after it was stored
        assert image_thumbnail_generate(image=image) is False
        image.refresh_from_db()
        assert not image.thumbnail
