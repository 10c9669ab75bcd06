"""Parsing untrusted XML: no DTDs, no entities, no network, no huge trees."""

import re

from django.utils.translation import gettext as _
from lxml import etree

from .base import NUL_MARK, FeedRejected

PROLOG_BYTES = 64 * 1024
DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
        strip_cdata=True,
    )


def parse_xml(content: bytes) -> etree._Element:
    """The root element; DTDs with entities (billion laughs, external entities) are refused."""
    prolog = content[:PROLOG_BYTES]
    if DOCTYPE.search(prolog) and ENTITY.search(content):
        raise FeedRejected(
            _("The XML file declares entities (<!ENTITY>). For safety such files are refused."),
            code="xml_entities",
        )
    try:
        root = etree.fromstring(mark_nul(content), safe_parser())
    except etree.XMLSyntaxError as error:
        raise FeedRejected(explain_syntax_error(error), code="xml_syntax") from error
    if root.getroottree().docinfo.internalDTD is not None:
        raise FeedRejected(
            _("The XML file contains a document type definition; it was refused for safety."),
            code="xml_entities",
        )
    return root


def mark_nul(content: bytes) -> bytes:
    """NUL bytes (XML allows none) in a UTF-8 document become ``NUL_MARK``, so that only the
    records holding them are set aside (``base.nul_field``) instead of the whole file."""
    if b"\x00" not in content:
        return content
    declared = ENCODING.match(content[:200])
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
        return content  # a legacy single-byte encoding: the whole file is refused
    return content.replace(b"\x00", NUL_MARK.encode())


def explain_syntax_error(error: etree.XMLSyntaxError) -> str:
    text = str(error)
    if "not proper UTF-8" in text or "encoding" in text.lower():
        return _(
            "The file says it is UTF-8 but contains other characters (line %(line)s). "
            "It was probably saved as Latin-1/Windows-1252: save it as UTF-8 or declare "
            'encoding="ISO-8859-1" in the first line.'
        ) % {"line": error.lineno}
    return _("The file is not well-formed XML (line %(line)s: %(detail)s).") % {
        "line": error.lineno,
        "detail": getattr(error, "msg", text),
    }


def localname(element: etree._Element) -> str:
    return etree.QName(element).localname


def namespace(element: etree._Element) -> str:
    return etree.QName(element).namespace or ""


def strip_namespaces(root: etree._Element) -> None:
    for element in root.iter(etree.Element):
        element.tag = etree.QName(element).localname
