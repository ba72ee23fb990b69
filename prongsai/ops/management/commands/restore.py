import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.ops import backup


class Command(BaseCommand):
    help = ("Restore a backup made by `backup` into this installation's (empty) database and file storage, "
            "then compare every table's row counts per organization and every file's checksum.")

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="src", required=True, help="the backup directory")
        parser.add_argument("--force", action="store_true", help="replace a database that holds data")
        parser.add_argument("--verify-only", action="store_true", help="only check the backup's checksums")

    def handle(self, *args, src, force, verify_only, **options):
        try:
            if verify_only:
                manifest = backup.verify(Path(src))
                self.stdout.write(self.style.SUCCESS(f"Backup intact: {len(manifest['files'])} files, database checksum ok."))
                return
            diffs = backup.restore(Path(src), force=force)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if diffs["tables"] or diffs["files"]:
            raise CommandError("Restored, but differs from the backup:\n" + json.dumps(diffs, indent=1, ensure_ascii=False)[:5000])
        self.stdout.write(self.style.SUCCESS("Restored: every table's row counts per organization and every file's checksum match."))
