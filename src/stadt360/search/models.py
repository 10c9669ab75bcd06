"""The index tables. Backend-specific parts are created by migration 0002:
on PostgreSQL a generated ``document tsvector`` column with a GIN index and a trigram
index on the vocabulary; on SQLite the FTS5 table ``search_fts`` (rowid = document id).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    """One indexed object: its texts by weight (compound parts appended) and its facets."""

    kind = models.CharField(_("kind"), max_length=32)
    object_id = models.BigIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=300)
    snippet = models.TextField(_("snippet source"), blank=True)
    district = models.CharField(_("district"), max_length=120, blank=True)
    facets = models.JSONField(_("facets"), default=dict, blank=True)
    visible_until = models.DateField(_("visible until"), null=True, blank=True)
    text_a = models.TextField(blank=True)
    text_b = models.TextField(blank=True)
    text_c = models.TextField(blank=True)
    text_d = models.TextField(blank=True)

    class Meta:
        db_table = "search_document"
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"

    @property
    def texts(self) -> tuple[str, str, str, str]:
        return (self.text_a, self.text_b, self.text_c, self.text_d)


class Term(models.Model):
    """The vocabulary: folded words (``word`` keeps the umlauts), their stem, in how many documents."""

    term = models.CharField(_("term"), max_length=100, unique=True)
    word = models.CharField(_("word as written"), max_length=100)
    stem = models.CharField(_("stem"), max_length=100, db_index=True)
    doc_count = models.PositiveIntegerField(_("documents"), default=0)

    class Meta:
        db_table = "search_term"
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term
