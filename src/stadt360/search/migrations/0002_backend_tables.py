"""Backend-specific parts of the index, created only on the matching database.

PostgreSQL: unaccent and pg_trgm, the text search configuration ``stadt360_german``
(unaccent, then the German Snowball stemmer), a generated weighted tsvector with a GIN
index, and trigram and prefix indexes on the vocabulary.
SQLite: the FTS5 table ``search_fts`` (rowid = search_document.id) over pre-stemmed text.
"""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'stadt360_german') THEN
            CREATE TEXT SEARCH CONFIGURATION stadt360_german (COPY = pg_catalog.german);
            ALTER TEXT SEARCH CONFIGURATION stadt360_german
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;
        END IF;
    END $$""",
    """ALTER TABLE search_document ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('stadt360_german'::regconfig, text_a), 'A') ||
        setweight(to_tsvector('stadt360_german'::regconfig, text_b), 'B') ||
        setweight(to_tsvector('stadt360_german'::regconfig, text_c), 'C') ||
        setweight(to_tsvector('stadt360_german'::regconfig, text_d), 'D')) STORED""",
    "CREATE INDEX search_document_gin ON search_document USING gin (document)",
    "CREATE INDEX search_term_trgm ON search_term USING gin (term gin_trgm_ops)",
    "CREATE INDEX search_term_prefix ON search_term (term text_pattern_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_term_prefix",
    "DROP INDEX IF EXISTS search_term_trgm",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS document",
]
SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(a, b, c, d, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts"]


def run(statements: dict[str, list[str]]):
    def apply(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
