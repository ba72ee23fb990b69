"""Full-text queries against the index, per database vendor (see migrations/0002_fulltext.py).

The user's query never reaches the database as syntax: it is segmented into plain words
(search/text.py: letters, marks and digits only) and each word is quoted by this module, so FTS
operators, quotes and SQL typed into the box are just words (or nothing)."""

from __future__ import annotations

from django.db import connection, transaction

from .models import SearchEntry
from .text import QueryWord

TITLE_WEIGHT = 10.0  # a word in the title counts ten times a word in the body
# PostgreSQL: above this many matches, rank by the title alone, then date (see _base).
PG_FULL_RANK_LIMIT = 1000


def _fts5_phrase(tokens: tuple[str, ...]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def fts5_query(organization_id: int, qwords: list[QueryWord]) -> str:
    terms = " AND ".join("(" + " OR ".join(_fts5_phrase(a) for a in w.alternatives) + ")" for w in qwords)
    return f'organization_id : "{int(organization_id)}" AND {{title_tokens body_tokens}} : ({terms})'


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def pg_terms(qwords: list[QueryWord]) -> str:
    def alt(tokens):
        return "(" + " <-> ".join(_lexeme(t) for t in tokens) + ")"

    return " & ".join("(" + " | ".join(alt(a) for a in w.alternatives) + ")" for w in qwords)


def pg_query(organization_id: int, qwords: list[QueryWord]) -> str:
    return f"'_org{int(organization_id)}' & ({pg_terms(qwords)})"


class Hits:
    """The ranked matches as a lazy sequence of SearchEntry ids, for django's Paginator."""

    def __init__(self, *, organization, qwords: list[QueryWord], category: str = "", fiscal_year: int | None = None):
        self.organization = organization
        self.qwords = qwords
        self.filters, self.params = "", []
        if category:
            self.filters += " AND e.category = %s"
            self.params.append(category)
        if fiscal_year:
            self.filters += " AND e.fiscal_year = %s"
            self.params.append(fiscal_year)
        self._count = None

    def _base(self):
        """(FROM … WHERE …, params, ORDER BY) for this vendor. Both full-text queries carry the
        organization themselves (an `organization_id` column / an `_org<id>` lexeme), so with no
        filter the SQLite query never reads the entry table; the entries are fetched by id."""
        org_id = self.organization.pk
        if connection.vendor == "postgresql":
            # Tenancy is the _org lexeme inside the GIN query (and the org check when fetching
            # entries). ts_rank reads each match's whole tsvector, so past PG_FULL_RANK_LIMIT
            # matches the order is: title relevance (the small ttsv column), then newest first.
            if self.filters:
                where = " AND e.organization_id = %s" + self.filters
                extra = [org_id, *self.params]
            else:
                where, extra = "", []
            full = self._count is not None and self._count <= PG_FULL_RANK_LIMIT
            rank = "ts_rank('{0.1, 0.2, 0.4, 1.0}', e.tsv, r)" if full else "ts_rank(e.ttsv, r)"
            return ("FROM search_searchentry e, CAST(%s AS tsquery) q, CAST(%s AS tsquery) r WHERE e.tsv @@ q" + where,
                    [pg_query(org_id, self.qwords), pg_terms(self.qwords), *extra],
                    f"{rank} DESC, e.published_at DESC NULLS LAST, e.id DESC")
        order = f"bm25(search_fts, {TITLE_WEIGHT}, 1.0, 0.0)"
        where, extra = "", []
        if self.filters:
            # The filtered ids as a set checked per match ("+" keeps SQLite from looking each id
            # up in the full-text index instead), never a join that reads every matching row.
            where = (" AND +search_fts.rowid IN (SELECT e.id FROM search_searchentry e"
                     " WHERE e.organization_id = %s" + self.filters + ")")
            extra = [org_id, *self.params]
        return ("FROM search_fts WHERE search_fts MATCH %s" + where, [fts5_query(org_id, self.qwords), *extra],
                f"{order}, search_fts.rowid DESC")

    def count(self) -> int:
        if self._count is None:
            if not self.qwords:
                self._count = 0
            else:
                base, params, _order = self._base()
                self._count = self._fetch(f"SELECT count(*) {base}", params)[0][0]
        return self._count

    @staticmethod
    def _fetch(sql: str, params: list) -> list:
        with transaction.atomic(), connection.cursor() as cur:
            if connection.vendor == "postgresql":
                # The matches come from the GIN index (no tsvector is read to decide a match);
                # a sequential scan would read and decompress every row's tsvector.
                cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute(sql, params)
            return cur.fetchall()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("Hits supports slices only")
        if not self.qwords:
            return []
        start, stop = key.start or 0, key.stop
        self.count()  # PostgreSQL picks its ranking by the number of matches
        base, params, order = self._base()
        sql = f"SELECT search_fts.rowid {base} ORDER BY {order} LIMIT {int(stop - start)} OFFSET {int(start)}"
        if connection.vendor == "postgresql":
            sql = f"SELECT e.id {base} ORDER BY {order} LIMIT {int(stop - start)} OFFSET {int(start)}"
        ids = [row[0] for row in self._fetch(sql, params)]
        entries = (SearchEntry.objects.filter(organization=self.organization, id__in=ids)
                   .defer("title_tokens", "body_tokens").in_bulk())
        return [entries[i] for i in ids if i in entries]
