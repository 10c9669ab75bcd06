"""Getting the bytes of a feed safely: size limits, ZIP bombs, URLs, text encodings."""

import io
import urllib.error
import urllib.request
import zipfile
from typing import IO, Any
from urllib.parse import urlsplit

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from . import conf
from .adapters.base import FeedRejected

CHUNK = 64 * 1024
MAX_ZIP_MEMBERS = 10_000
# Encodings a German export plausibly uses when it is not UTF-8.
LEGACY_ENCODINGS = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "cp850"}
# Control bytes text files do not hold (tab, line breaks, form feed and ESC are allowed);
# more than this share of them in the first 256 KB means the file is binary.
BINARY_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1A, 0x1B}
BINARY_SHARE = 0.05


def check_size(size: int) -> None:
    limit = conf.max_bytes()
    if size > limit:
        raise FeedRejected(
            _("The file is larger than %(limit)s MB; split it or ask us to raise the limit.")
            % {"limit": limit // conf.MB},
            code="too_large",
        )


def check_not_binary(content: bytes) -> None:
    """Refuses a file that is not text (an image, a spreadsheet, UTF-16): ZIPs are unpacked later.

    A few NUL characters inside otherwise readable records are not the file's fault: those
    records are set aside one by one (see ``adapters.base.nul_field``).
    """
    if is_zip(content):
        return
    sample = content[: CHUNK * 4]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FeedRejected(
            _(
                "The file is saved as UTF-16 (“Unicode text”); save it as UTF-8 and upload it again."
            ),
            code="binary",
        )
    controls = sum(sample.count(bytes([byte])) for byte in BINARY_BYTES)
    if sample and controls > len(sample) * BINARY_SHARE:
        raise FeedRejected(
            _(
                "The file holds binary data (for example an image, a PDF or an Excel file), not "
                "text. Export the offers as XML, CSV or JSON and upload that file."
            ),
            code="binary",
        )


def fetch_url(url: str) -> bytes:
    """Downloads a feed over http(s) with a timeout and the size limit."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FeedRejected(_("Only http and https addresses can be fetched."), code="bad_url")
    request = urllib.request.Request(url, headers={"User-Agent": "Stadt360-Import/1"})
    try:
        with urllib.request.urlopen(request, timeout=conf.fetch_timeout()) as response:
            if urlsplit(response.geturl()).scheme not in ("http", "https"):
                raise FeedRejected(_("The address redirected to a non-web address."))
            return read_limited(response)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FeedRejected(
            _("The address could not be fetched: %(reason)s") % {"reason": error},
            code="fetch_failed",
        ) from error


def read_limited(stream: IO[bytes] | Any) -> bytes:
    """Reads at most the size limit; one byte more rejects the file (headers may lie)."""
    buffer, total = [], 0
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        check_size(total)
        buffer.append(chunk)
    return b"".join(buffer)


def is_zip(content: bytes) -> bool:
    return content[:4] == b"PK\x03\x04"


def unpack_zip(content: bytes, *, suffixes: tuple[str, ...] = (".xml",)) -> tuple[bytes, str]:
    """The feed file inside a ZIP (an OpenImmo ZIP: one XML plus images), bomb-checked."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise FeedRejected(_("The ZIP file is damaged."), code="bad_zip") from error
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise FeedRejected(_("The ZIP file holds too many files."), code="zip_bomb")
    check_size(sum(member.file_size for member in members))
    feeds = [m for m in members if m.filename.lower().endswith(suffixes) and not m.is_dir()]
    if not feeds:
        raise FeedRejected(_("The ZIP file holds no XML file."), code="zip_without_feed")
    member = max(feeds, key=lambda m: m.file_size)
    if member.file_size > CHUNK and member.file_size > conf.zip_max_ratio() * max(
        member.compress_size, 1
    ):
        raise FeedRejected(
            _("The ZIP file is compressed suspiciously well (a 'ZIP bomb'); it was not opened."),
            code="zip_bomb",
        )
    with archive.open(member) as stream:
        return read_limited(stream), member.filename


def decode_text(content: bytes) -> tuple[str, str]:
    """``(text, note)``: UTF-8 (with or without BOM), else a detected legacy encoding.

    A file that is neither is rejected: guessing wrong would store garbled names.
    """
    try:
        return content.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    best = from_bytes(content[: CHUNK * 4], cp_isolation=sorted(LEGACY_ENCODINGS)).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as error:
        raise FeedRejected(
            _("The file is not UTF-8 and its encoding could not be recognised. Save it as UTF-8."),
            code="encoding",
        ) from error
    note = _(
        "The file is not UTF-8; it was read as %(encoding)s. Please check umlauts (ä, ö, ü, ß)."
    ) % {"encoding": encoding.replace("_", "-").upper()}
    return text, note
