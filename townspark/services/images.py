"""Issue images: content-checked uploads, stored per issue, with 300x200 thumbnails made by a Celery task."""

import logging
from io import BytesIO
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps
from rest_framework.exceptions import ValidationError

from core.uploads import image_pixels_allowed, upload_check, upload_name
from townspark.models import IssueImage

logger = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGES_PER_ISSUE = 5
IMAGE_FORMATS = ("JPEG", "PNG", "WEBP")
THUMBNAIL_SIZE = (300, 200)
DOCUMENT_FORMATS = ("PDF", *IMAGE_FORMATS)


def image_validate(file, *, label: str | None = None) -> str:
    """The image's format, once its content proved to be JPEG, PNG or WebP within the size and pixel limits."""
    return upload_check(file, formats=IMAGE_FORMATS, max_bytes=MAX_IMAGE_BYTES, label=label or "The image").format


def document_validate(file) -> None:
    """An ID document: a PDF or an image, at most 10 MB, checked by content."""
    upload_check(file, formats=DOCUMENT_FORMATS, max_bytes=MAX_IMAGE_BYTES, label="The ID document")


def images_validate(files: list, *, existing: int = 0) -> list:
    if len(files) + existing > MAX_IMAGES_PER_ISSUE:
        raise ValidationError(f"At most {MAX_IMAGES_PER_ISSUE} images per issue.")
    errors = []
    for file in files:
        try:
            image_validate(file, label=file.name)
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
        image_validate(file, label=file.name)
        file.name = upload_name(file, stem=f"{issue.id}-{'after-' if after else ''}{start + offset + 1}")
        images.append(IssueImage.objects.create(issue=issue, image=file, is_after_image=after, position=start + offset))
    if images:
        ids = [image.pk for image in images]
        transaction.on_commit(lambda: issue_image_thumbnails.delay(ids))
    return images


def image_thumbnail_generate(*, image: IssueImage) -> bool:
    """Make the 300x200 thumbnail of one stored image; False when it already has one (idempotent) or has too
    many pixels to decode."""
    if image.thumbnail:
        return False
    with image.image.open("rb") as source, Image.open(source) as original:
        if not image_pixels_allowed(original):  # stored before the upload limit: never decoded
            logger.warning("No thumbnail for issue image %s: %sx%s pixels", image.pk, *original.size)
            return False
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
