"""Computed values inside editable prose: ``[[retention:login_logs]]`` becomes "90".

The privacy page's storage periods come from the settings that ``apply_retention``
enforces, so the editable text and the deletion job cannot disagree. An unknown key is
left as written, so the editor sees the mistake on the page.
"""

import re

from django.utils.safestring import SafeString, mark_safe

from stadt360.accounts.privacy import retention_days, retention_rules

PLACEHOLDER = re.compile(r"\[\[retention:([a-z_]+)\]\]")


def placeholder(key: str) -> str:
    return f"[[retention:{key}]]"


def fill(html: str) -> SafeString:
    """``html`` is rich text Wagtail has already rendered (and so made safe)."""

    def value(match: re.Match[str]) -> str:
        key = match.group(1)
        known = {rule.key for rule in retention_rules()}
        return str(retention_days(key)) if key in known else match.group(0)

    # Only digits go into HTML Wagtail has already made safe.
    return mark_safe(PLACEHOLDER.sub(value, html))
