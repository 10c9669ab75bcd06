"""One adapter per format, and the detection of a file's format from its first bytes."""

import json
from types import ModuleType

from django.utils.translation import gettext as _

from . import ba, ical, jobposting, kitas, mapped_csv, openimmo
from .base import Feed, FeedRejected, Options

ADAPTERS: dict[str, ModuleType] = {
    "openimmo": openimmo,
    "csv": mapped_csv,
    "jobposting": jobposting,
    "ba": ba,
    "kitas": kitas,
    "ical": ical,
}


def parse_feed(content: bytes, *, format: str, options: Options) -> Feed:
    """Parses ``content`` with the adapter of ``format`` (``auto``: detected).

    A document nested deeper than Python's readers go (``[[[…]]]``, a few hundred KB are
    enough) is refused here, for every format and for the detection alike.
    """
    try:
        name = detect_format(content, options=options) if format == "auto" else format
        if name not in ADAPTERS:
            raise FeedRejected(_("Unknown format “%(format)s”.") % {"format": name}, code="format")
        return ADAPTERS[name].parse(content, options=options)
    except RecursionError:
        raise FeedRejected(
            _("The file is nested too deeply to be read; no real feed is built like this."),
            code="too_deep",
        ) from None


def detect_format(content: bytes, *, options: Options) -> str:
    head = content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    name = options.file_name.lower()
    if content[:4] == b"PK\x03\x04":
        return "openimmo"
    if head.startswith(b"<"):
        is_html = any(tag in head for tag in (b"<html", b"<!doctype html", b"<script", b"<head"))
        return "jobposting" if is_html or name.endswith((".html", ".htm")) else "openimmo"
    if head.startswith((b"{", b"[")):
        return detect_json(content)
    if ical.looks_like(content):
        return "ical"
    if kitas.is_template(content):
        return "kitas"
    if options.column_mapping:
        return "csv"
    raise FeedRejected(
        _(
            "The format of this file could not be recognised. Choose the format, or use the "
            "CSV template for Kitas and schools."
        ),
        code="format",
    )


def detect_json(content: bytes) -> str:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return "jobposting"  # JSON-LD with comments or control characters is repaired there
    if isinstance(document, dict) and ("stellenangebote" in document or "refnr" in document):
        return "ba"
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        return "kitas"
    return "jobposting"
