"""``{% load site_nav %}``: the main navigation's links for the page being rendered."""

from django import template

from stadt360.public.navigation import NavLink, links

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav_links(context: template.Context) -> list[NavLink]:
    """``{% main_nav_links as nav_links %}``: every entry, the current section marked."""
    request = context.get("request")
    return links(request.path if request is not None else "/")
