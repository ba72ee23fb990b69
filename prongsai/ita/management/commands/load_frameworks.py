from django.core.management.base import BaseCommand, CommandError

from prongsai.ita.frameworks import FrameworkError, framework_files, load_framework


class Command(BaseCommand):
    help = "Load (or update) every ITA framework file in prongsai/ita/frameworks/."

    def handle(self, *args, **options):
        for path in framework_files():
            try:
                fw = load_framework(path)
            except FrameworkError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"ITA {fw.fiscal_year}: {fw.oit_items.count()} OIT items ({path.name})")
