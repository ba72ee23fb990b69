"""Delete the idempotency receipts of corruption reports and their evidence after a day (run
daily). A receipt row keeps the report's code with the time it arrived; once retries are no
longer expected it is the only place the time of day survives, so it should not linger.

    python manage.py purge_report_receipts [--hours 24]"""

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_scopes import scopes_disabled

from prongsai.complaints.services import SCOPE_REPORT, SCOPE_REPORT_EVIDENCE
from prongsai.core.models import IdempotencyRecord


class Command(BaseCommand):
    help = "Delete idempotency receipts of corruption reports older than --hours (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args, **options):
        cutoff = timezone.now() - dt.timedelta(hours=options["hours"])
        with scopes_disabled():
            deleted, _ = IdempotencyRecord.objects.filter(
                scope__in=[SCOPE_REPORT, SCOPE_REPORT_EVIDENCE], created_at__lt=cutoff).delete()
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} receipt(s)."))
