"""The check-in code of a registration: what the QR code on the confirmation encodes.

The code is ``<id>.<HMAC(id, key)>`` under a salt of its own, so it can only check a person
in; it is not the management token (which lets the person cancel), and neither can be
derived from the other. The URL around it is the portal's check-in page: whoever scans the
code with any phone camera opens it, and only a signed-in organiser of the event can
confirm there (anyone else gets a 404).
"""

import io

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import Registration

CHECKIN_SALT = "stadt360.events.checkin"
CHECKIN_URL_NAME = "events_portal:checkin-code"


def checkin_code(registration: Registration) -> str:
    digest = salted_hmac(
        CHECKIN_SALT, f"{registration.pk}:{registration.key}", algorithm="sha256"
    ).hexdigest()
    return f"{registration.pk}.{digest[:32]}"


def registration_for_checkin_code(code: str) -> Registration | None:
    """The registration a check-in code stands for, or ``None`` (unknown, forged)."""
    pk, _sep, _digest = code.partition(".")
    if not pk.isdigit():
        return None
    registration = Registration.objects.select_related("date__event").filter(pk=int(pk)).first()
    if registration and constant_time_compare(checkin_code(registration), code):
        return registration
    return None


def checkin_path(registration: Registration) -> str:
    """The site-relative check-in address (prefix it with the site's origin for a QR code)."""
    return reverse(CHECKIN_URL_NAME, kwargs={"code": checkin_code(registration)})


def checkin_url(registration: Registration) -> str:
    """The absolute check-in address a QR code encodes (``SITE_URL`` + path)."""
    return settings.SITE_URL.rstrip("/") + checkin_path(registration)


def qr_svg(data: str, *, title: str = "") -> str:
    """``data`` as an inline SVG QR code (error correction M, quiet zone of 4 modules)."""
    return str(segno.make(data, error="m", micro=False).svg_inline(scale=4, title=title or None))


def qr_png(data: str) -> bytes:
    """``data`` as a PNG QR code for mail clients that do not show SVG."""
    buffer = io.BytesIO()
    segno.make(data, error="m", micro=False).save(buffer, kind="png", scale=8)
    return buffer.getvalue()
