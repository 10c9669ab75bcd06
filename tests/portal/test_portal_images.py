"""Offer images: real images only, EXIF gone, size and dimension limits, alt text required."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from stadt360.core.models import AuditEntry
from stadt360.portal.models import OfferImage
from tests.portal.world import png_upload


def jpeg_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (3000, 1500), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    exif[0x8825] = {2: (50.0, 52.0, 48.0)}  # GPSInfo: latitude
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def upload(client, world, file, alt_text="Blick in den Gruppenraum"):
    url = reverse("portal:image-add", args=["job", world.offers["job"].pk])
    return client.post(url, {"image": file, "alt_text": alt_text})


def test_jpeg_is_reencoded_without_exif_and_scaled_down(world, client_for, settings):
    settings.STADT360_IMAGE_MAX_SIDE = 1000
    response = upload(client_for("editor"), world, jpeg_with_gps())
    assert response.status_code == 302
    image = OfferImage.objects.get()
    assert (image.width, image.height) == (1000, 500)
    with Image.open(image.file.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
    assert AuditEntry.objects.filter(action="offer.image_added", provider=world.provider).exists()


@pytest.mark.parametrize(
    "file",
    [
        SimpleUploadedFile("boese.png", b"<?php system($_GET['c']); ?>", content_type="image/png"),
        SimpleUploadedFile("bild.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"),
    ],
    ids=["php-as-png", "pdf-as-jpg"],
)
def test_files_that_are_not_images_are_rejected_whatever_the_name(world, client_for, file):
    response = upload(client_for("editor"), world, file)
    assert response.status_code == 200
    assert 'id="id_image_error"' in response.content.decode()
    assert not OfferImage.objects.exists()


def test_alt_text_is_required(world, client_for):
    response = upload(client_for("editor"), world, png_upload(), alt_text="")
    assert 'id="id_alt_text_error"' in response.content.decode()
    assert not OfferImage.objects.exists()


def test_too_large_files_are_rejected(world, client_for, settings):
    settings.STADT360_IMAGE_MAX_BYTES = 100
    response = upload(client_for("editor"), world, png_upload(size=(200, 200)))
    assert 'id="id_image_error"' in response.content.decode()
    assert not OfferImage.objects.exists()


def test_image_delete_removes_file_and_audits(world, client_for):
    client = client_for("editor")
    upload(client, world, png_upload())
    image = OfferImage.objects.get()
    client.post(reverse("portal:image-delete", args=[image.pk]))
    assert not OfferImage.objects.exists()
    assert AuditEntry.objects.filter(action="offer.image_deleted").exists()
