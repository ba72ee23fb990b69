from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.ops import backup


class Command(BaseCommand):
    help = "Back up the database and every uploaded file into DIR, with SHA-256 checksums and row counts per organization."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="an empty directory (created if missing)")

    def handle(self, *args, out, **options):
        try:
            manifest = backup.backup(Path(out))
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(n for per_org in manifest["row_counts"].values() for n in per_org.values())
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {out}: {manifest['database']['engine']} database, "
            f"{len(manifest['row_counts'])} tables, {rows} rows, {len(manifest['files'])} files."
        ))
