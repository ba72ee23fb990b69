"""Generate a document for one organization or all, for hosting operators.

    manage.py ita_report --org kampang --year 2566 --round 1 --kind round --format pdf --out report.pdf
    manage.py ita_report --all --year 2566 --kind plan --format docx --out out/   (one file per organization)

An issued document is written exactly as issued; otherwise the current plan is rendered as a
draft (without number), prepared by the organization's first coordinator."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_scopes import scope

from prongsai.measures.models import Plan
from prongsai.reports import build
from prongsai.reports.garuda import emblem_path
from prongsai.reports.models import Document, Kind
from prongsai.tenancy.models import Membership, Organization


class Command(BaseCommand):
    help = "Generate an ITA document (round report, plan announcement or results analysis) as PDF or DOCX."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--org", help="organization slug")
        who.add_argument("--all", action="store_true", help="every active organization")
        parser.add_argument("--year", type=int, required=True, help="fiscal year of the plan (B.E.), e.g. 2566")
        parser.add_argument("--round", type=int, default=1, help="round number (for --kind round)")
        parser.add_argument("--kind", choices=Kind.values, default=Kind.ROUND)
        parser.add_argument("--format", choices=("pdf", "docx"), default="pdf")
        parser.add_argument("--out", required=True, help="file (one organization) or folder (--all)")

    def handle(self, *args, **opts):
        orgs = (Organization.objects.filter(is_active=True) if opts["all"]
                else Organization.objects.filter(slug=opts["org"]))
        if not orgs.exists():
            raise CommandError(f"ไม่พบหน่วยงาน {opts['org']}")
        out = Path(opts["out"])
        if opts["all"]:
            out.mkdir(parents=True, exist_ok=True)
        written = 0
        for org in orgs:
            with scope(organization=org):
                data = self._render(org, opts)
            if data is None:
                continue
            target = out / f"{org.slug}-{opts['kind']}-{opts['year']}.{opts['format']}" if opts["all"] else out
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
            self.stdout.write(f"{org.slug}: {target}")
        if not written:
            raise CommandError("ไม่มีเอกสารที่สร้างได้ (ไม่พบแผนหรือรอบของปีนี้)")

    def _render(self, org, opts) -> bytes | None:
        plan = Plan.objects.filter(organization=org, fiscal_year=opts["year"]).select_related("answers_framework").first()
        if plan is None:
            self.stderr.write(f"{org.slug}: ไม่มีแผนของปีงบประมาณ {opts['year']}")
            return None
        rnd = plan.rounds.filter(number=opts["round"]).first() if opts["kind"] == Kind.ROUND else None
        if opts["kind"] == Kind.ROUND and rnd is None:
            self.stderr.write(f"{org.slug}: ไม่มีรอบที่ {opts['round']}")
            return None
        issued = (Document.objects.filter(organization=org, kind=opts["kind"], plan=plan, round=rnd,
                                          status=Document.Status.ISSUED).order_by("-version").first())
        if issued is not None:
            field = issued.pdf if opts["format"] == "pdf" else issued.docx
            with field.open("rb") as fh:
                return fh.read()
        preparer = (Membership.objects.filter(organization=org, role=Membership.Role.COORDINATOR).select_related("user")
                    .first() or Membership.objects.filter(organization=org).select_related("user").first())
        if preparer is None:
            self.stderr.write(f"{org.slug}: ไม่มีเจ้าหน้าที่")
            return None
        draft = Document(organization=org, kind=opts["kind"], plan=plan, round=rnd, prepared_by=preparer.user)
        model = build.assemble(draft, build.live_content(draft))
        if opts["format"] == "pdf":
            from prongsai.reports.render_pdf import pdf_bytes

            return pdf_bytes(model, emblem=emblem_path(org))
        from prongsai.reports.render_docx import docx_bytes

        return docx_bytes(model, emblem=emblem_path(org))
