"""The portal's navigation and small display helpers."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from stadt360.offers.registry import registry

register = template.Library()


@register.inclusion_tag("portal/includes/nav.html", takes_context=True)
def portal_nav(context: template.Context) -> dict[str, Any]:
    request, provider = context["request"], context.get("provider")
    is_admin = provider is not None and request.user.has_perm("providers.manage_members", provider)
    can_edit_company = provider is not None and request.user.has_perm(
        "companies.change_company", provider
    )
    return {
        "request": request,
        "provider": provider,
        "can_events": request.user.has_perm("events.access"),
        "kinds": list(registry),
        "is_admin": is_admin,
        "can_edit_company": can_edit_company,
    }


@register.filter
def rich_text(value: str) -> SafeString:
    """Descriptions were sanitised with nh3 when saved; render them as HTML."""
    from stadt360.core.ui.richtext import clean_html

    return mark_safe(clean_html(value or ""))
