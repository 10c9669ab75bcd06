"""Snippets: a window of the text around the first match, HTML-escaped, matches in <mark>."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import text

WIDTH = 240
LEAD = 60
MIN_INFIX = 5


def matches(word: str, stems: frozenset[str]) -> bool:
    """A word matches by stem, or contains a query stem (compounds: Kinder*betreu*ung)."""
    lowered = word.lower()
    if text.stem(lowered) in stems:
        return True
    folded = text.fold(lowered)
    return any(len(stem) >= MIN_INFIX and stem in folded for stem in stems)


def highlight(value: str, stems: frozenset[str], width: int = WIDTH) -> SafeString:
    spans = [(m.start(), m.end()) for m in text.WORD.finditer(value) if matches(m.group(), stems)]
    start = _window_start(value, spans[0][0]) if spans else 0
    end = min(len(value), start + width)
    end = _word_end(value, end)
    pieces = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces += [
            escape(value[cursor:span_start]),
            "<mark>",
            escape(value[span_start:span_end]),
            "</mark>",
        ]
        cursor = span_end
    pieces += [escape(value[cursor:end]), "…" if end < len(value) else ""]
    return mark_safe("".join(pieces).strip())


def _window_start(value: str, first: int) -> int:
    if first <= LEAD:
        return 0
    space = value.find(" ", first - LEAD)
    return space + 1 if 0 <= space < first else first


def _word_end(value: str, end: int) -> int:
    if end >= len(value):
        return len(value)
    space = value.rfind(" ", 0, end)
    return space if space > 0 else end
