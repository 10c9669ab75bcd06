"""StreamField blocks of the centre's homepage: a project and a way to get involved."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class LinkedTextBlock(blocks.StructBlock):
    """A title, a short text and an optional link (a project, a way to take part)."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), max_length=600)
    link = blocks.URLBlock(label=_("link"), required=False)
    link_text = blocks.CharBlock(label=_("link text"), max_length=80, required=False)

    class Meta:
        icon = "doc-full"
        template = "site/blocks/linked_text.html"


PROJECT_BLOCKS = [("project", LinkedTextBlock(label=_("Project")))]
INVOLVEMENT_BLOCKS = [("option", LinkedTextBlock(label=_("Way to take part")))]
