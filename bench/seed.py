"""Grow a Prongsai PostgreSQL database by copying one organization's rows, generically: every
table with an organization_id (and every link table hanging off those) is copied with ids
shifted by a fixed offset per copy, foreign keys between copied tables shifted the same way,
and text columns of unique indexes suffixed. Nothing here knows any app, so tables added by
later features are seeded too."""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg


@dataclass
class Table:
    name: str
    columns: dict[str, tuple[str, int | None]]  # name → (type, max length)
    fks: dict[str, str] = field(default_factory=dict)  # column → referenced table
    uniques: list[list[str]] = field(default_factory=list)

    @property
    def tenant(self):
        return "organization_id" in self.columns


def schema(conn) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for name, col, typ, maxlen in conn.execute(
        "SELECT table_name, column_name, data_type, character_maximum_length FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
    ):
        tables.setdefault(name, Table(name, {})).columns[col] = (typ, maxlen)
    for tbl, col, ref in conn.execute(
        """SELECT cl.relname, a.attname, rc.relname FROM pg_constraint c
           JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class rc ON rc.oid = c.confrelid
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
           WHERE c.contype = 'f' AND cl.relnamespace = 'public'::regnamespace"""
    ):
        tables[tbl].fks[col] = ref
    for tbl, cols in conn.execute(
        """SELECT t.relname, array_agg(a.attname ORDER BY a.attnum) FROM pg_index i
           JOIN pg_class t ON t.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
           WHERE i.indisunique AND NOT i.indisprimary AND t.relnamespace = 'public'::regnamespace
           GROUP BY t.relname, i.indexrelid"""
    ):
        tables[tbl].uniques.append(list(cols))
    return tables


def shift(col: str, typ: str, offset: int) -> str:
    if typ == "uuid":
        return f"md5({col}::text || '-' || g)::uuid"
    return f"{col} + g::bigint * {offset}"


def id_offset(conn, tables=None, names=None) -> int:
    """Ids of copy g are id + g × offset: the offset exceeds every id in every copied table."""
    tables = tables or schema(conn)
    names = names or [n for n, t in tables.items() if t.tenant or n == "accounts_user"]
    top = 1
    for n in names:
        if tables[n].columns.get("id", ("",))[0] in ("bigint", "integer"):
            top = max(top, conn.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{n}"').fetchone()[0])
    return 10 ** len(str(top))


def delete_organization(conn, org_id: int) -> None:
    """Remove one organization and every row that belongs to it (foreign keys checked at commit)."""
    tables = schema(conn)
    tenant = [n for n, t in tables.items() if t.tenant]
    with conn.transaction():
        conn.execute("SET CONSTRAINTS ALL DEFERRED")
        for n, t in tables.items():
            if not t.tenant:
                for col, ref in t.fks.items():
                    if ref in tenant:
                        conn.execute(f'DELETE FROM "{n}" WHERE "{col}" IN (SELECT id FROM "{ref}" WHERE organization_id = %s)', (org_id,))
        for n in tenant:
            conn.execute(f'DELETE FROM "{n}" WHERE organization_id = %s', (org_id,))
        conn.execute("DELETE FROM tenancy_organization WHERE id = %s", (org_id,))


def order(tables: dict[str, Table], names: set[str]) -> list[str]:
    done, out = set(), []

    def visit(n, stack=()):
        if n in done or n in stack:
            return
        for ref in tables[n].fks.values():
            if ref in names and ref != n:
                visit(ref, (*stack, n))
        done.add(n)
        out.append(n)

    for n in sorted(names):
        visit(n)
    return out


def copy_organization(conn, *, src_org: int, copies: range, offset: int, same_org: bool, org_base: int = 0,
                      clone_users: bool = False, only: tuple[str, ...] = (), log=print) -> dict:
    """Copy src_org's rows `len(copies)` times. same_org: the copies stay in src_org (more volume);
    otherwise copy g goes to a new organization org_base + g (created here)."""
    tables = schema(conn)
    tenant = {n for n, t in tables.items() if t.tenant and n != "tenancy_organization"}
    links = {n for n, t in tables.items() if not t.tenant and "id" in t.columns
             and any(ref in tenant for ref in t.fks.values()) and n not in ("tenancy_organization",)}
    shifted = set(tenant | links)
    if only:  # just these tables (name prefixes), e.g. the ones that grow every year
        shifted = {n for n in shifted if n.startswith(only)}
    if clone_users:
        shifted.add("accounts_user")
    skipped, counts = [], {}
    g_lo, g_hi = copies.start, copies.stop - 1
    offset = offset or id_offset(conn, tables, shifted)

    if not same_org:
        org = tables["tenancy_organization"]
        exprs = []
        for c, (typ, maxlen) in org.columns.items():
            if c == "id":
                exprs.append(f"{org_base} + g")
            elif c == "slug":
                exprs.append("'o' || g")
            elif c in ("base_name",):
                exprs.append("base_name || ' ' || g")
            else:
                exprs.append(f'"{c}"')
        cols = ", ".join(f'"{c}"' for c in org.columns)
        conn.execute(f'INSERT INTO tenancy_organization ({cols}) SELECT {", ".join(exprs)} FROM tenancy_organization '
                     f"CROSS JOIN generate_series({g_lo}, {g_hi}) AS g WHERE id = {src_org}")
    order_names = order(tables, shifted)
    for name in order_names:
        t = tables[name]
        unique_text = {c for u in t.uniques for c in u
                       if (same_org or "organization_id" not in u) and t.columns[c][0] in ("character varying", "text")
                       and c not in t.fks}
        exprs = []
        for c, (typ, maxlen) in t.columns.items():
            if c == "id":
                exprs.append(shift("x.id", typ, offset))
            elif c == "organization_id":
                exprs.append("x.organization_id" if same_org else f"{org_base} + g")
            elif c in t.fks and t.fks[c] in shifted and t.fks[c] not in skipped:
                exprs.append(shift(f'x."{c}"', typ, offset))
            elif c in t.fks and t.fks[c] == "tenancy_organization":
                exprs.append(f'x."{c}"' if same_org else f"{org_base} + g")
            elif c in unique_text:
                cut = f"left(x.\"{c}\", {maxlen - 8})" if maxlen else f'x."{c}"'
                exprs.append(f"{cut} || '~' || g")
            else:
                exprs.append(f'x."{c}"')
        if t.tenant:
            where = f"x.organization_id = {src_org}"
        elif name == "accounts_user":
            where = f"x.id < {offset}"  # every original user, so that any user foreign key finds its copy
        else:
            fk, ref = next((c, r) for c, r in t.fks.items() if r in tenant)
            where = f'x."{fk}" IN (SELECT id FROM "{ref}" WHERE organization_id = {src_org})'
        cols = ", ".join(f'"{c}"' for c in t.columns)
        sql = (f'INSERT INTO "{name}" ({cols}) SELECT {", ".join(exprs)} FROM "{name}" AS x '
               f"CROSS JOIN generate_series({g_lo}, {g_hi}) AS g WHERE {where}")
        try:
            with conn.transaction():
                conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cur = conn.execute(sql)
                counts[name] = cur.rowcount
        except psycopg.Error as exc:
            skipped.append(name)
            log(f"  skipped {name}: {str(exc).splitlines()[0][:120]}")
    return {"rows": counts, "skipped": skipped}
