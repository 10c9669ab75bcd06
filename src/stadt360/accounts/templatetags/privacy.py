"""``{% retention_days "login_logs" %}``: a storage period as configured, for the privacy
page, so that its text and the ``apply_retention`` job cannot disagree."""

from django import template

from stadt360.accounts.privacy import retention_days as configured_days

register = template.Library()


@register.simple_tag
def retention_days(key: str) -> int:
    return configured_days(key)
