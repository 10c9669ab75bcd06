"""A deeply nested JSON file is rejected with a clear line, not an internal error.

Found by the hostile review of issue 8: 400 KB of ``[[[…]]]`` made Python's JSON reader
raise ``RecursionError``; the run failed as "internal error", the task crashed with a
traceback, and ``import_feed`` printed one.
"""

import pytest
from django.utils import translation

from stadt360.imports.models import IssueLevel, RunStatus
from tests.imports.conftest import import_bytes

pytestmark = pytest.mark.django_db
DEEP = b"[" * 200_000 + b"]" * 200_000


@pytest.mark.parametrize(
    ("format", "content"),
    [
        ("auto", DEEP),
        ("jobposting", DEEP),
        ("ba", DEEP),
        ("kitas", b'{"type": "FeatureCollection", "features": ' + DEEP + b"}"),
        ("jobposting", b'<script type="application/ld+json">' + DEEP + b"</script>"),
    ],
)
def test_deeply_nested_json_is_rejected_cleanly(employer, format, content):
    with translation.override("en"):
        run = import_bytes(content, employer, format=format, file_name="tief.json")
    assert run.status == RunStatus.REJECTED
    assert "nested too deeply" in run.message
    assert run.issues.get(level=IssueLevel.ERROR).code == "too_deep"
