from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.ita.frameworks import FrameworkError, framework_files, resolve


class Command(BaseCommand):
    help = "Validate ITA framework files (all of them, or the paths given). Errors name the line."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*")

    def handle(self, *args, paths, **options):
        files = [Path(p) for p in paths] or framework_files()
        for path in files:
            if not path.exists():
                raise CommandError(f"{path}: no such file")
            try:
                data = resolve(path)
            except FrameworkError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"ok {path}: ITA {data['fiscal_year']}, {len(data['oit_items'])} OIT items")
