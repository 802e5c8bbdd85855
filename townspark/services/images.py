"""Issue images: content-checked uploads, stored per issue, with 300x200 thumbnails made by a Celery task."""

from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps, UnidentifiedImageError
from rest_framework.exceptions import ValidationError

from townspark.models import IssueImage

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGES_PER_ISSUE = 5
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
THUMBNAIL_SIZE = (300, 200)
DOCUMENT_FORMATS = ALLOWED_FORMATS | {"PDF"}


def image_validate(file) -> str:
    """The image's format, after checking its size and that its content really is JPEG, PNG or WebP."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(f"{file.name}: images may be at most 10 MB.")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(f"{file.name}: not a valid JPEG, PNG or WebP image.") from exc
    finally:
        file.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(f"{file.name}: only JPEG, PNG and WebP images are accepted.")
    return image_format


def document_validate(file) -> None:
    """An ID document: a PDF or an image, at most 10 MB."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError("The document may be at most 10 MB.")
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head == b"%PDF-":
        return
    try:
        image_validate(file)
    except ValidationError as exc:
        raise ValidationError("The ID document must be a PDF, JPEG, PNG or WebP file.") from exc


def images_validate(files: list, *, existing: int = 0) -> list:
    if len(files) + existing > MAX_IMAGES_PER_ISSUE:
        raise ValidationError(f"At most {MAX_IMAGES_PER_ISSUE} images per issue.")
    errors = []
    for file in files:
        try:
            image_validate(file)
        except ValidationError as exc:
            errors.extend(exc.detail)
    if errors:
        raise ValidationError(errors)
    return files


def issue_images_attach(*, issue, files: list, after: bool = False) -> list[IssueImage]:
    """Store uploaded images of an issue; thumbnails are queued once the transaction commits."""
    from townspark.tasks import issue_image_thumbnails

    start = IssueImage.objects.filter(issue=issue, is_after_image=after).count()
    images = []
    for offset, file in enumerate(files):
        suffix = PurePath(file.name).suffix.lower() or ".jpg"
        file.name = f"{issue.id}-{'after-' if after else ''}{start + offset + 1}{suffix}"
        images.append(IssueImage.objects.create(issue=issue, image=file, is_after_image=after, position=start + offset))
    if images:
        ids = [image.pk for image in images]
        transaction.on_commit(lambda: issue_image_thumbnails.delay(ids))
    return images


def image_thumbnail_generate(*, image: IssueImage) -> bool:
    """Make the 300x200 thumbnail of one stored image; False when it already has one (idempotent)."""
    if image.thumbnail:
        return False
    with image.image.open("rb") as source, Image.open(source) as original:
        picture = ImageOps.exif_transpose(original)
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        thumb = ImageOps.fit(picture, THUMBNAIL_SIZE, Image.Resampling.LANCZOS)
        buffer = BytesIO()
        thumb.save(buffer, format="JPEG", quality=85)
    name = f"thumb_{PurePath(image.image.name).stem}.jpg"
    image.thumbnail.save(name, ContentFile(buffer.getvalue()), save=False)
    IssueImage.objects.filter(pk=image.pk, thumbnail="").update(thumbnail=image.thumbnail.name)
    return True
