"""Send overdue reminders for lent equipment and venues (run daily, e.g. from cron):

    python manage.py lending_reminders [--organization SLUG]

Each overdue booking gets at most one e-mail a day to the borrower (where an address was
given) and to the responsible person; mail leaves only after the reminder is committed."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scope

from prongsai.lending.services import send_reminders
from prongsai.tenancy.models import Organization


class Command(BaseCommand):
    help = "E-mail reminders for overdue lending bookings."

    def add_arguments(self, parser):
        parser.add_argument("--organization", help="only this organization's slug")

    def handle(self, *args, **options):
        organizations = Organization.objects.filter(is_active=True)
        if options.get("organization"):
            organizations = organizations.filter(slug=options["organization"])
        today = timezone.localdate()
        total = 0
        for org in organizations:
            with scope(organization=org):
                sent = send_reminders(organization=org, today=today)
            if sent:
                self.stdout.write(f"{org.slug}: {sent} reminder(s)")
            total += sent
        self.stdout.write(self.style.SUCCESS(f"{total} overdue booking(s) reminded."))
