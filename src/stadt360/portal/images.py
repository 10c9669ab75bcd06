"""Offer pictures: only real images (sniffed by Pillow, not by extension), re-encoded.

Re-encoding drops EXIF (camera position, owner) and anything appended to the file;
large pictures are scaled down to ``STADT360_IMAGE_MAX_SIDE`` pixels on the long side.
"""

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "png"}
MAX_PIXELS = 40_000_000  # decompression bombs are refused before decoding


@dataclass(frozen=True)
class CleanImage:
    content: ContentFile
    width: int
    height: int

    @property
    def name(self) -> str:
        return str(self.content.name)


def check_size(upload: UploadedFile) -> None:
    if upload.size is None or upload.size > settings.STADT360_IMAGE_MAX_BYTES:
        limit = settings.STADT360_IMAGE_MAX_BYTES // (1024 * 1024)
        raise ValidationError(_("The image is too large (at most %(mb)s MB).") % {"mb": limit})


def open_image(upload: UploadedFile) -> Image.Image:
    """The decoded picture, or a ValidationError when the bytes are not an accepted image."""
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            probe.verify()
        if image_format not in ACCEPTED_FORMATS:
            raise ValidationError(_("Please upload a JPEG, PNG or WebP image."))
        upload.seek(0)
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError(_("The image has too many pixels."))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This file is not an image we can read.")) from error
    return image


def reencode(upload: UploadedFile) -> CleanImage:
    """A fresh file with the picture only: rotated upright, scaled down, no metadata."""
    check_size(upload)
    image = open_image(upload)
    image_format = image.format or "PNG"
    image = ImageOps.exif_transpose(image)
    side = settings.STADT360_IMAGE_MAX_SIDE
    image.thumbnail((side, side))
    extension = ACCEPTED_FORMATS[image_format]
    buffer = io.BytesIO()
    if extension == "jpg":
        image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
    elif extension == "webp":
        image.save(buffer, format="WEBP", quality=85)
    else:
        image.save(buffer, format="PNG", optimize=True)
    name = f"{uuid.uuid4().hex}.{extension}"
    return CleanImage(ContentFile(buffer.getvalue(), name=name), image.width, image.height)
