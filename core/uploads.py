"""Content checks shared by every upload: what a file really is, the pixel limit, PDF structure, stored names."""

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from rest_framework.exceptions import ValidationError


@dataclass(frozen=True)
class FileType:
    """A content type we accept, named as Pillow names formats, with the extension its stored files get."""

    format: str
    label: str
    content_type: str
    extension: str


JPEG = FileType("JPEG", "JPEG", "image/jpeg", ".jpg")
PNG = FileType("PNG", "PNG", "image/png", ".png")
WEBP = FileType("WEBP", "WebP", "image/webp", ".webp")
GIF = FileType("GIF", "GIF", "image/gif", ".gif")
PDF = FileType("PDF", "PDF", "application/pdf", ".pdf")
FILE_TYPES = {file_type.format: file_type for file_type in (JPEG, PNG, WEBP, GIF, PDF)}

# A PDF's trailer (startxref, %%EOF) sits at its very end; writers may pad a little after it.
PDF_TAIL_BYTES = 1024


class UploadRejected(ValidationError):
    """A 400 in the product's own error format, from a serializer's field validation or a service alike."""

    default_code = "invalid_upload"


def max_image_pixels() -> int:
    return settings.UPLOAD_MAX_IMAGE_PIXELS


def upload_check(file, *, formats: Collection[str], max_bytes: int, label: str = "The file") -> FileType:
    """What `file` really is, by its content, if one of `formats` (FILE_TYPES keys) and at most `max_bytes`.

    Images must pass Pillow's verify() and the pixel limit, read from the header before any pixel is
    decoded; PDFs must have a PDF's structure and open with pypdf. The file is renamed at once to a
    random name with the extension of what it is, so the client's file name is never stored.
    Serializers check for field-keyed errors and services again before storing: the second call is free.
    """
    checked = getattr(file, "checked_type", None)
    if checked is not None and checked.format in formats and file.size <= max_bytes:
        return checked
    allowed = ", ".join(FILE_TYPES[name].label for name in formats)
    if file.size > max_bytes:
        raise UploadRejected(f"{label} may be at most {max_bytes // (1024 * 1024)} MB.")
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    detected = PDF if head == b"%PDF-" else _image_type(file, label=label)
    if detected is None or detected.format not in formats:
        raise UploadRejected(f"{label} must be one of: {allowed}.")
    if detected is PDF:
        _pdf_check(file, label=label)
    file.checked_type = detected
    file.content_type = detected.content_type
    file.name = upload_name(file)
    return detected


def upload_name(file, *, stem: str | None = None) -> str:
    """The name we store a checked upload under: `stem` (random by default) and its detected extension.

    Refuses files that did not pass upload_check(), so that no code path stores a client's name.
    """
    detected = getattr(file, "checked_type", None)
    if detected is None:
        raise ValueError("Only uploads that passed upload_check() are stored.")
    return f"{stem or uuid.uuid4().hex}{detected.extension}"


def image_pixels_allowed(image: Image.Image) -> bool:
    width, height = image.size
    return width * height <= max_image_pixels()


def _image_type(file, *, label: str) -> FileType | None:
    try:
        # Pillow refuses (or, between its own limit and twice that, warns about) decompression bombs
        # while reading the header; either way this is an image with too many pixels.
        with Image.open(file) as image:
            if not image_pixels_allowed(image):
                raise _too_many_pixels(label, image.size)
            image_format = image.format
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels(label) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)
    return FILE_TYPES.get(image_format)


def _too_many_pixels(label: str, size: tuple[int, int] | None = None) -> UploadRejected:
    dimensions = f" ({size[0]}x{size[1]})" if size else ""
    return UploadRejected(f"{label}{dimensions} has too many pixels: at most {max_image_pixels():,} are accepted.")


def _pdf_check(file, *, label: str) -> None:
    file.seek(0)
    data = file.read()
    file.seek(0)
    tail = data[-PDF_TAIL_BYTES:]
    invalid = UploadRejected(f"{label} is not a valid PDF.")
    if b"startxref" not in tail or b"%%EOF" not in tail:
        raise invalid
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password alone still lets admins read it
            raise UploadRejected(f"{label} is password-protected; upload an unprotected PDF.")
        if len(reader.pages) < 1:
            raise invalid
    except UploadRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises whatever its parser trips over on hostile input
        raise invalid from exc
