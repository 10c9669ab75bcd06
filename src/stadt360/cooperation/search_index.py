"""Cooperation posts in the search index (autodiscovered by the search app)."""

from django.utils.translation import gettext_lazy as _

from stadt360.search.registry import (
    IndexedKind,
    TextField,
    attribute,
    choice_facet,
    register,
)

from .choices import Direction, PostType
from .models import Post

register(
    IndexedKind(
        name="cooperation_post",
        label=_("Cooperation post"),
        model=Post,
        visible=Post.objects.open,
        fields=(
            TextField("title", "A"),
            TextField("provider.name", "B"),
            TextField("wz_label", "B"),
            TextField("text", "C"),
        ),
        title=lambda obj: obj.title,  # type: ignore[attr-defined]
        snippet=lambda obj: obj.text,  # type: ignore[attr-defined]
        url_name="cooperation:post-detail",
        facets=(
            choice_facet("post_type", _("type"), PostType.choices),
            choice_facet("direction", _("need or offer"), Direction.choices),
        ),
        district=attribute("provider.district.slug"),
        related=("provider", "provider__district"),
    )
)
