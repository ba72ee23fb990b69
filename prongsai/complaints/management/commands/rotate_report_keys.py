"""Re-encrypt every corruption report, message and evidence file with the first key of
ENCRYPTION_KEYS (after a new key has been prepended). Old keys can be removed afterwards —
except that the follow-up secrets of complaints and reports are kept only as HMACs (see
crypto.hash_secret), which cannot be re-keyed without the secret: each is rewritten with the
current key when its secret is next used. The command counts those still under an older key
(or the old scrypt format); a receipt whose key has been removed no longer verifies.

    ENCRYPTION_KEYS=new,old python manage.py rotate_report_keys"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django_scopes import scopes_disabled

from prongsai.complaints import crypto
from prongsai.complaints.models import Complaint, CorruptionReport, ReportEvidence, ReportUpdate


class Command(BaseCommand):
    help = "Re-encrypt corruption reports with the current (first) encryption key."

    def handle(self, *args, **options):
        counts = {"reports": 0, "updates": 0, "files": 0}
        with scopes_disabled(), transaction.atomic():
            for report in CorruptionReport.objects.select_for_update():
                CorruptionReport.objects.filter(pk=report.pk).update(
                    content_enc=crypto.rotate_token(report.content_enc),
                    reporter_enc=crypto.rotate_token(report.reporter_enc))
                counts["reports"] += 1
            for update in ReportUpdate.objects.select_for_update():
                ReportUpdate.objects.filter(pk=update.pk).update(
                    message_enc=crypto.rotate_token(update.message_enc), note_enc=crypto.rotate_token(update.note_enc))
                counts["updates"] += 1
            for evidence in ReportEvidence.objects.all():
                with evidence.file.open("rb") as fh:
                    token = fh.read()
                rotated = crypto.rotate_bytes(token)
                with evidence.file.storage.open(evidence.file.name, "wb") as fh:
                    fh.write(rotated)
                counts["files"] += 1
            current = f"{crypto.HMAC_PREFIX}${crypto.current_receipt_key_id()}$"
            older = sum(model.objects.exclude(secret_hash__startswith=current).count()
                        for model in (Complaint, CorruptionReport))
        self.stdout.write(self.style.SUCCESS(
            "Re-encrypted {reports} report(s), {updates} update(s), {files} evidence file(s).".format(**counts)))
        if older:
            self.stdout.write(self.style.WARNING(
                f"{older} follow-up secret(s) are still hashed under an older key or format: they are "
                "rehashed when next used; keep the old key listed while those receipts should work."))
