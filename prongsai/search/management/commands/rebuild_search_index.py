"""Rebuild the search index from every app's `search.py: documents()`."""

from django.core.management.base import BaseCommand, CommandError

from prongsai.search import services
from prongsai.tenancy.models import Organization


class Command(BaseCommand):
    help = "Re-index the public content of every organization (or of one: --org <slug>)."

    def add_arguments(self, parser):
        parser.add_argument("--org", help="slug of one organization")

    def handle(self, *args, **options):
        orgs = Organization.objects.all()
        if options["org"]:
            orgs = orgs.filter(slug=options["org"])
            if not orgs.exists():
                raise CommandError(f"ไม่พบหน่วยงาน {options['org']}")
        for org in orgs:
            count = services.rebuild(organization=org)
            self.stdout.write(f"{org.slug}: {count} entries")
