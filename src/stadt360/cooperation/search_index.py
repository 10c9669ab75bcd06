"""Cooperation posts in the search index (autodiscovered by the search app)."""

from django.utils.translation import gettext_lazy as _

from stadt360.search.registry import Facet, IndexedKind, TextField, attribute, register

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
            Facet("post_type", _("type"), attribute("post_type"), dict(PostType.choices)),  # type: ignore[arg-type]
            Facet("direction", _("need or offer"), attribute("direction"), dict(Direction.choices)),  # type: ignore[arg-type]
        ),
        district=attribute("provider.district.slug"),
        related=("provider", "provider__district"),
    )
)
