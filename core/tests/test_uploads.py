"""The shared upload checks: type by content, names by type, PDF structure, the pixel limit, private storage."""

import warnings
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from core.private_media import PrivateMediaStorage
from core.testing.uploads import pdf_bytes, png_of_size
from core.uploads import UploadRejected, upload_check, upload_name

IMAGES = ("JPEG", "PNG", "WEBP")
DOCUMENTS = ("PDF", *IMAGES)
TEN_MB = 10 * 1024 * 1024


def upload(content: bytes, name: str = "file.bin", content_type: str = "text/html") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(fmt: str, size=(40, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (10, 200, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


class TestTypeAndName:
    @pytest.mark.parametrize(("fmt", "extension"), [("JPEG", ".jpg"), ("PNG", ".png"), ("WEBP", ".webp")])
    def test_the_name_follows_the_content_not_the_client(self, fmt, extension):
        file = upload(image_bytes(fmt), name="evil.html")
        assert upload_check(file, formats=IMAGES, max_bytes=TEN_MB).format == fmt
        assert file.name.endswith(extension) and "evil" not in file.name
        assert file.content_type == f"image/{'jpeg' if fmt == 'JPEG' else fmt.lower()}"
        assert upload_name(file, stem="TS-1575-1") == f"TS-1575-1{extension}"

    def test_a_pdf_is_named_pdf(self):
        file = upload(pdf_bytes(), name="id.html")
        assert upload_check(file, formats=DOCUMENTS, max_bytes=TEN_MB).format == "PDF"
        assert file.name.endswith(".pdf") and file.content_type == "application/pdf"

    def test_unchecked_files_get_no_name(self):
        with pytest.raises(ValueError, match="upload_check"):
            upload_name(upload(image_bytes("PNG"), name="evil.html"))

    @pytest.mark.parametrize("content", [b"<html><script>alert(1)</script></html>", b"", b"GIF89a broken"])
    def test_anything_else_is_refused(self, content):
        with pytest.raises(UploadRejected, match="must be one of: JPEG, PNG, WebP"):
            upload_check(upload(content, name="x.png"), formats=IMAGES, max_bytes=TEN_MB)

    def test_a_real_type_outside_the_allowed_ones_is_refused(self):
        with pytest.raises(UploadRejected):
            upload_check(upload(image_bytes("GIF"), name="x.png"), formats=IMAGES, max_bytes=TEN_MB)
        with pytest.raises(UploadRejected):
            upload_check(upload(pdf_bytes(), name="x.png"), formats=IMAGES, max_bytes=TEN_MB)

    def test_size_limit(self):
        with pytest.raises(UploadRejected, match="at most 1 MB"):
            upload_check(upload(image_bytes("PNG") + b"\0" * 1024 * 1024), formats=IMAGES, max_bytes=1024 * 1024)


class TestPdf:
    def test_a_real_pdf_passes(self):
        upload_check(upload(pdf_bytes(pages=2)), formats=DOCUMENTS, max_bytes=TEN_MB)

    @pytest.mark.parametrize(
        "content",
        [
            b"%PDF-1.4\n%...\n",  # the header alone: what the old check accepted
            b"%PDF-1.4\n<html><script>alert(1)</script></html>\n",
            b"%PDF-1.4\ngarbage\nstartxref\n12345\n%%EOF\n",  # a trailer pointing nowhere
            pdf_bytes()[:-200],  # truncated: no startxref or %%EOF
        ],
    )
    def test_what_only_looks_like_a_pdf_is_refused(self, content):
        with pytest.raises(UploadRejected, match="not a valid PDF"):
            upload_check(upload(content, name="id.pdf"), formats=DOCUMENTS, max_bytes=TEN_MB)

    def test_a_password_protected_pdf_is_refused(self):
        with pytest.raises(UploadRejected, match="password-protected"):
            upload_check(upload(pdf_bytes(user_password="secret")), formats=DOCUMENTS, max_bytes=TEN_MB)


class TestPixelLimit:
    def test_the_default_limit_is_documented_40_megapixels(self, settings):
        assert settings.UPLOAD_MAX_IMAGE_PIXELS == 40_000_000

    @pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow's own, at 89 Mpx
    def test_a_13000_square_png_is_refused_from_its_header(self, monkeypatch):
        def no_decoding(self):
            raise AssertionError("pixels were decoded")

        monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
        content = png_of_size(13000, 13000)
        assert len(content) < 200_000  # small on the wire, 169 Mpx once decoded
        with pytest.raises(UploadRejected, match=r"\(13000x13000\) has too many pixels: at most 40,000,000"):
            upload_check(upload(content, name="a.png"), formats=IMAGES, max_bytes=TEN_MB)

    def test_the_limit_follows_the_setting(self, settings):
        settings.UPLOAD_MAX_IMAGE_PIXELS = 40 * 30 - 1
        with pytest.raises(UploadRejected, match="too many pixels"):
            upload_check(upload(image_bytes("PNG")), formats=IMAGES, max_bytes=TEN_MB)
        settings.UPLOAD_MAX_IMAGE_PIXELS = 40 * 30
        upload_check(upload(image_bytes("PNG")), formats=IMAGES, max_bytes=TEN_MB)

    def test_pillows_own_bomb_error_becomes_a_400(self, settings, monkeypatch):
        settings.UPLOAD_MAX_IMAGE_PIXELS = 10**12
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # 40x30 is over twice Pillow's limit: an error
        with pytest.raises(UploadRejected, match="too many pixels"):
            upload_check(upload(image_bytes("PNG")), formats=IMAGES, max_bytes=TEN_MB)

    def test_pillows_bomb_warning_raised_as_an_error_becomes_a_400(self, settings, monkeypatch):
        settings.UPLOAD_MAX_IMAGE_PIXELS = 10**12
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 1200 pixels: over the limit, under twice it
        with warnings.catch_warnings(), pytest.raises(UploadRejected, match="too many pixels"):
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload_check(upload(image_bytes("PNG")), formats=IMAGES, max_bytes=TEN_MB)


class TestPrivateStorage:
    def test_files_live_under_private_media_root_and_have_no_url(self, settings, tmp_path):
        settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
        settings.MEDIA_ROOT = tmp_path / "media"
        storage = PrivateMediaStorage()
        name = storage.save("docs/id.pdf", upload(pdf_bytes()))
        assert (tmp_path / "private" / name).exists() and not (tmp_path / "media").exists()
        with pytest.raises(ValueError, match="no public URL"):
            storage.url(name)

    def test_it_deconstructs_as_itself_for_migrations(self):
        assert PrivateMediaStorage().deconstruct() == ("core.private_media.PrivateMediaStorage", (), {})
