"""Backup and restore of one Prongsai installation: the database (SQLite through its online
backup API, PostgreSQL through pg_dump/pg_restore) and every uploaded file, with a manifest of
SHA-256 checksums and row counts per table per organization, checked again after a restore."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection

MANIFEST = "manifest.json"
SQLITE_FILE = "db.sqlite3"
PG_FILE = "db.dump"
MEDIA_DIR = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
    return h.hexdigest()


def sha256_stream(stream) -> str:
    h = hashlib.sha256()
    while block := stream.read(CHUNK):
        h.update(block)
    return h.hexdigest()


# --- row counts ---------------------------------------------------------------------------------

def row_counts(conn=None) -> dict[str, dict[str, int]]:
    """{table: {organization_id or "*": rows}} for every table in the database. Tables with an
    organization_id column are counted per organization (the tenant key), others in total."""
    conn = conn or connection
    out: dict[str, dict[str, int]] = {}
    with conn.cursor() as cursor:
        tables = sorted(conn.introspection.table_names(cursor))
        for table in tables:
            qn = conn.ops.quote_name(table)
            columns = {c.name for c in conn.introspection.get_table_description(cursor, table)}
            if "organization_id" in columns:
                cursor.execute(f"SELECT organization_id, COUNT(*) FROM {qn} GROUP BY organization_id")
                out[table] = {str(org): n for org, n in cursor.fetchall()}
            else:
                cursor.execute(f"SELECT COUNT(*) FROM {qn}")
                out[table] = {"*": cursor.fetchone()[0]}
    return out


# --- uploaded files -----------------------------------------------------------------------------

def storage_files(storage=default_storage, base: str = "") -> list[str]:
    """Every file name in the storage (works for the local disk and S3 alike)."""
    try:
        dirs, files = storage.listdir(base)
    except FileNotFoundError:
        return []
    names = [f"{base}/{f}" if base else f for f in files]
    for d in dirs:
        names += storage_files(storage, f"{base}/{d}" if base else d)
    return sorted(names)


def _safe_relpath(name: str) -> str:
    parts = Path(name).parts
    if Path(name).is_absolute() or ".." in parts:
        raise BackupError(f"unsafe file name in manifest: {name!r}")
    return name


# --- database -----------------------------------------------------------------------------------

def _pg_env(settings_dict) -> tuple[list[str], dict]:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    args = []
    if settings_dict.get("HOST"):
        args += ["-h", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["-p", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["-U", str(settings_dict["USER"])]
    return args, env


def _tool(name: str) -> str:
    """pg_dump/pg_restore matching the server's major version when several are installed."""
    found = shutil.which(name)
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]), reverse=True)
    if candidates:
        return str(candidates[0])
    if found:
        return found
    raise BackupError(f"{name} not found: install the PostgreSQL client (apt-get install postgresql-client)")


def dump_database(out: Path) -> dict:
    vendor = connection.vendor
    if vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(out / SQLITE_FILE)
        try:
            connection.connection.backup(target)  # online backup API: consistent while serving
        finally:
            target.close()
        return {"engine": "sqlite", "file": SQLITE_FILE, "sha256": sha256_file(out / SQLITE_FILE)}
    if vendor == "postgresql":
        s = connection.settings_dict
        args, env = _pg_env(s)
        cmd = [_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", *args, "-f", str(out / PG_FILE), s["NAME"]]
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        return {"engine": "postgresql", "file": PG_FILE, "sha256": sha256_file(out / PG_FILE)}
    raise BackupError(f"unsupported database: {vendor}")


def database_is_empty() -> bool:
    counts = row_counts()
    return not any(n for per_org in counts.values() for n in per_org.values()) or not counts


def load_database(src: Path, meta: dict) -> None:
    vendor = connection.vendor
    if meta["engine"] != vendor:
        raise BackupError(f"backup is of {meta['engine']}, this installation runs {vendor}")
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{src / meta['file']}?mode=ro", uri=True)
        connection.ensure_connection()
        try:
            source.backup(connection.connection)  # replaces every page of the live database
        finally:
            source.close()
        connection.close()
        return
    s = connection.settings_dict
    connection.close()
    args, env = _pg_env(s)
    # --clean --if-exists: restoring over a migrated-but-empty database replaces its tables.
    cmd = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
           "--exit-on-error", *args, "-d", s["NAME"], str(src / meta["file"])]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()[-2000:]}")


# --- whole backup -------------------------------------------------------------------------------

def backup(out: Path) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    if (out / MANIFEST).exists():
        raise BackupError(f"{out} already holds a backup; choose an empty directory")
    counts = row_counts()  # before the dump; a busy site may add rows in between (reported, not an error)
    db = dump_database(out)
    files = {}
    for name in storage_files():
        target = out / MEDIA_DIR / _safe_relpath(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, CHUNK)
        files[name] = sha256_file(target)
    manifest = {
        "format": 1,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": db,
        "row_counts": counts,
        "files": files,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return manifest


def verify(src: Path) -> dict:
    """Check every checksum in the backup directory against its manifest; return the manifest."""
    manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    db = manifest["database"]
    if sha256_file(src / db["file"]) != db["sha256"]:
        raise BackupError(f"database file {db['file']} does not match its checksum: the backup is damaged")
    for name, digest in manifest["files"].items():
        path = src / MEDIA_DIR / _safe_relpath(name)
        if not path.exists() or sha256_file(path) != digest:
            raise BackupError(f"file {name} is missing or does not match its checksum: the backup is damaged")
    return manifest


def restore(src: Path, *, force: bool = False) -> dict:
    manifest = verify(src)
    if not force and not database_is_empty():
        raise BackupError("the target database holds data; restore into an empty database or pass --force")
    load_database(src, manifest["database"])
    for name in manifest["files"]:
        if default_storage.exists(name):
            default_storage.delete(name)
        with open(src / MEDIA_DIR / name, "rb") as f:
            saved = default_storage.save(name, File(f, name=name))
        if saved != name:
            raise BackupError(f"storage renamed {name} to {saved}")
    return compare(manifest)


def compare(manifest: dict) -> dict:
    """Differences between the manifest and the live database and storage (empty when identical)."""
    diffs: dict = {"tables": {}, "files": {}}
    live = row_counts()
    for table, per_org in manifest["row_counts"].items():
        if live.get(table, {}) != per_org:
            diffs["tables"][table] = {"backup": per_org, "restored": live.get(table)}
    for name, digest in manifest["files"].items():
        try:
            with default_storage.open(name, "rb") as f:
                got = sha256_stream(f)
        except FileNotFoundError:
            got = None
        if got != digest:
            diffs["files"][name] = {"backup": digest, "restored": got}
    return diffs
