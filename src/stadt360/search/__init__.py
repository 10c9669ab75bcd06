"""German full-text search over every offer kind.

Owns the index (documents, vocabulary, the SQLite FTS5 table or the PostgreSQL tsvector),
the registry of indexed kinds, query analysis (stemming, compounds, synonyms, typos),
the two backends and index maintenance. It may import ``core`` and the offer apps' models;
presentation (``public``, ``api``) imports it, never the other way round.
"""
