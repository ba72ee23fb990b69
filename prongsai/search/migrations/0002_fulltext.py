"""The full-text index beside search_searchentry, per database vendor (docs/decisions.md).

SQLite: an FTS5 table over the pre-segmented tokens (external content: the tokens are stored
once, in search_searchentry), kept in step by triggers. The `ascii` tokenizer splits only at
ASCII spaces/punctuation and treats every non-ASCII character as part of a word, so the Thai
words segmented in Python (search/text.py) reach the index unchanged.

PostgreSQL: a generated tsvector column built from the same tokens without the text-search
parser (whose idea of a Thai letter depends on the server locale): each token becomes a quoted
lexeme with its position; title tokens weigh A, body tokens D; plus one `_org<id>` lexeme. GIN.
A second, small generated column `ttsv` holds the title alone, for ranking large result sets."""

from django.db import migrations

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title_tokens, body_tokens, organization_id,"
    " content='search_searchentry', content_rowid='id', tokenize='ascii')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchentry BEGIN"
    " INSERT INTO search_fts(rowid, title_tokens, body_tokens, organization_id)"
    " VALUES (new.id, new.title_tokens, new.body_tokens, new.organization_id); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchentry BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens, organization_id)"
    " VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.organization_id); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE ON search_searchentry BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title_tokens, body_tokens, organization_id)"
    " VALUES ('delete', old.id, old.title_tokens, old.body_tokens, old.organization_id);"
    " INSERT INTO search_fts(rowid, title_tokens, body_tokens, organization_id)"
    " VALUES (new.id, new.title_tokens, new.body_tokens, new.organization_id); END",
    # Rows that existed before the table (none on a fresh install).
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

PG_CREATE = [
    r"""CREATE OR REPLACE FUNCTION search_tokens_tsv(tokens text, weight "char") RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(setweight(string_agg(
               '''' || replace(replace(t, '\', '\\'), '''', '''''') || ''':' || least(n, 16383)::text, ' '
             )::tsvector, weight), ''::tsvector)
      FROM unnest(string_to_array(tokens, ' ')) WITH ORDINALITY AS u(t, n)
      WHERE t <> ''
    $$""",
    r"""CREATE OR REPLACE FUNCTION search_entry_tsv(title_tokens text, body_tokens text, org bigint)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
    -- pg_restore runs with an empty search_path: the inner call must find its schema.
    SET search_path FROM CURRENT AS $$
      SELECT search_tokens_tsv(title_tokens, 'A') || search_tokens_tsv(body_tokens, 'D')
             || ('''_org' || org::text || '''')::tsvector
    $$""",
    "ALTER TABLE search_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS"
    " (search_entry_tsv(title_tokens, body_tokens, organization_id)) STORED",
    "CREATE INDEX search_searchentry_tsv ON search_searchentry USING gin (tsv)",
    # The title alone (small, stored in the row): ranks many matches without reading every body.
    "ALTER TABLE search_searchentry ADD COLUMN ttsv tsvector GENERATED ALWAYS AS"
    " (search_tokens_tsv(title_tokens, 'A')) STORED",
]
PG_DROP = [
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS ttsv",
    "DROP INDEX IF EXISTS search_searchentry_tsv",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS tsv",
    "DROP FUNCTION IF EXISTS search_entry_tsv(text, text, bigint)",
    "DROP FUNCTION IF EXISTS search_tokens_tsv(text, \"char\")",
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql, params=None)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, PG_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, PG_DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
