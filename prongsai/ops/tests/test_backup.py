"""A backup of the demo restores into an empty database (PostgreSQL in the PostgreSQL run, SQLite
in the SQLite run) with identical row counts per table per organization and identical files.
Counts and checksums are taken here directly from the databases and directories, not from the
backup code's own manifest."""

import json

import pytest

from .procs import counts_per_org, file_checksums, fresh_database, manage


def test_demo_backup_restores_into_an_empty_database(tmp_path):
    with fresh_database(tmp_path, "bksrc") as src, fresh_database(tmp_path, "bkdst") as dst:
        manage(src, "migrate", "--noinput", "-v0")
        manage(src, "load_demo")
        out = manage(src, "backup", "--out", str(tmp_path / "backup"))
        assert "Backup written" in out

        before = counts_per_org(src)
        files_before = file_checksums(tmp_path / "bksrc" / "media")
        assert files_before, "the demo has uploaded files (lending photos)"
        orgs = {org for per_org in before.values() for org in per_org if org != "*"}
        assert len(orgs) >= 2, "the demo holds more than one organization"
        manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
        assert set(manifest["files"]) == set(files_before)

        # The target database is empty: no tables at all (not even migrated).
        assert counts_per_org(dst) == {}
        out = manage(dst, "restore", "--from", str(tmp_path / "backup"))
        assert "match" in out
        assert counts_per_org(dst) == before
        assert file_checksums(tmp_path / "bkdst" / "media") == files_before

        # Restoring again over data is refused unless forced.
        with pytest.raises(AssertionError, match="holds data"):
            manage(dst, "restore", "--from", str(tmp_path / "backup"))


def test_damaged_backup_is_refused(tmp_path):
    with fresh_database(tmp_path, "bkdmg", vendor="sqlite") as src:
        manage(src, "migrate", "--noinput", "-v0")
        media = tmp_path / "bkdmg" / "media" / "x"
        media.mkdir(parents=True)
        (media / "a.txt").write_bytes(b"evidence")
        manage(src, "backup", "--out", str(tmp_path / "bk"))
        assert "intact" in manage(src, "restore", "--from", str(tmp_path / "bk"), "--verify-only")
        (tmp_path / "bk" / "media" / "x" / "a.txt").write_bytes(b"evidencE")
        with pytest.raises(AssertionError, match="does not match its checksum"):
            manage(src, "restore", "--from", str(tmp_path / "bk"), "--verify-only")
