"""Staff pages of the training, selection, meeting, HR-announcement and property-rule registers,
and their two public pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from prongsai.core.thai import fiscal_year_of
from prongsai.tenancy.access import get_owned, staff_view

from . import selectors, services
from .forms import (
    AttendanceForm,
    CertificateForm,
    CourseForm,
    EvidenceLinkForm,
    HRAnnouncementForm,
    MeetingForm,
    PropertyRuleForm,
    SelectionForm,
)
from .models import Attendance, Course, HRAnnouncement, Meeting, PropertyRule, Selection

MANAGERS = ("admin", "coordinator")

# kind → (model, form, list title, upload fields, needs organization in the form)
REGISTERS = {
    "courses": (Course, CourseForm, gettext_lazy("การฝึกอบรม"), {}, False),
    "selections": (Selection, SelectionForm, gettext_lazy("การคัดเลือกอย่างเป็นธรรม"), {}, False),
    "meetings": (Meeting, MeetingForm, gettext_lazy("การประชุมและการชี้แจง"), {}, True),
    "hr": (HRAnnouncement, HRAnnouncementForm, gettext_lazy("ประกาศหลักเกณฑ์ด้านบุคคล"), {"file": {"pdf"}}, False),
    "property": (PropertyRule, PropertyRuleForm, gettext_lazy("ระเบียบการใช้ทรัพย์สินของราชการ"), {}, True),
}


def _register(kind):
    if kind not in REGISTERS:
        raise Http404
    return REGISTERS[kind]


@staff_view()
def overview(request, org_slug):
    org = request.organization
    latest = Course.objects.filter(organization=org).order_by("-start_date").first()
    year = latest.fiscal_year if latest else fiscal_year_of(timezone.localdate())
    chosen = request.GET.get("year", "")
    if chosen.isdigit():
        year = int(chosen)
    return render(request, "training/overview.html", {
        "year": year,
        "coverage": selectors.training_coverage(organization=org, fiscal_year=year),
        "warnings": selectors.hr_warnings(organization=org, today=timezone.localdate()),
        "counts": {kind: model.objects.filter(organization=org).count() for kind, (model, *_r) in REGISTERS.items()},
        "registers": REGISTERS,
    })


@staff_view()
def record_list(request, org_slug, kind):
    model, _form, title, *_r = _register(kind)
    records = model.objects.filter(organization=request.organization)
    return render(request, "training/record_list.html", {"records": records, "kind": kind, "title": title})


@staff_view(*MANAGERS)
def record_edit(request, org_slug, kind, pk=None):
    model, form_class, title, uploads, needs_org = _register(kind)
    instance = get_owned(model, request, pk=pk) if pk else model(organization=request.organization)
    extra = {"organization": request.organization} if needs_org else {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=instance, **extra)
        if form.is_valid():
            try:
                record = form.save(commit=False)
                if kind == "meetings":
                    services.meeting_save(meeting=record, acting_user=request.user,
                                          attendees=list(form.cleaned_data["attendees"]),
                                          issues=list(form.cleaned_data["issues"]))
                else:
                    services.record_save(instance=record, acting_user=request.user, upload_fields=uploads)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("บันทึกแล้ว"))
                return redirect("training:record_detail", org_slug=org_slug, kind=kind, pk=record.pk)
        status = 400
    else:
        form = form_class(instance=instance, **extra)
        status = 200
    return render(request, "training/record_form.html", {"form": form, "kind": kind, "title": title, "record": instance},
                  status=status)


@staff_view()
def record_detail(request, org_slug, kind, pk):
    model, _form, title, *_r = _register(kind)
    record = get_owned(model, request, pk=pk)
    context = {"record": record, "kind": kind, "title": title,
               "evidence_targets": selectors.evidence_targets(organization=request.organization)}
    if kind == "courses":
        context["attendances"] = Attendance.objects.filter(course=record).select_related("membership__user", "membership__department")
        context["attendance_form"] = AttendanceForm(organization=request.organization,
                                                    initial={"members": [a.membership for a in context["attendances"]]})
    if kind == "meetings":
        context["attendees"] = record.attendees.select_related("user")
        context["issues"] = record.issues.select_related("plan")
    return render(request, f"training/{kind}_detail.html" if kind in ("courses", "meetings") else "training/record_detail.html",
                  context)


@require_POST
@staff_view(*MANAGERS)
def course_attendance(request, org_slug, pk):
    course = get_owned(Course, request, pk=pk)
    form = AttendanceForm(request.POST, organization=request.organization)
    if form.is_valid():
        services.attendance_set(course=course, acting_user=request.user, memberships=list(form.cleaned_data["members"]))
        messages.success(request, _("บันทึกผู้เข้าอบรมแล้ว"))
    else:
        messages.error(request, _("เลือกผู้เข้าอบรมได้เฉพาะบุคลากรของหน่วยงานนี้"))
    return redirect("training:record_detail", org_slug=org_slug, kind="courses", pk=pk)


@require_POST
@staff_view(*MANAGERS)
def course_certificate(request, org_slug, pk):
    attendance_pk = request.POST.get("attendance", "")
    if not attendance_pk.isdigit():
        raise Http404
    attendance = get_owned(Attendance.objects.select_related("course", "membership__user"), request, pk=attendance_pk, course_id=pk)
    form = CertificateForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.certificate_attach(attendance=attendance, acting_user=request.user, upload=form.cleaned_data["certificate"])
            messages.success(request, _("แนบเกียรติบัตรแล้ว"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("กรุณาเลือกไฟล์เกียรติบัตร"))
    return redirect("training:record_detail", org_slug=org_slug, kind="courses", pk=pk)


@require_POST
@staff_view(*MANAGERS)
def attach_evidence(request, org_slug, kind, pk):
    model, *_r = _register(kind)
    record = get_owned(model, request, pk=pk)
    targets = {r.pk: r for r in selectors.evidence_targets(organization=request.organization)}
    form = EvidenceLinkForm(request.POST)
    form.fields["result"].choices = [(k, k) for k in targets]
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกประเด็นของหน่วยงานนี้"))
    else:
        url = request.build_absolute_uri(reverse("training:record_detail", kwargs={"org_slug": org_slug, "kind": kind, "pk": pk}))
        services.attach_as_evidence(result=targets[form.cleaned_data["result"]], acting_user=request.user, record=record, url=url)
        messages.success(request, _("แนบเป็นหลักฐานของประเด็นแล้ว"))
    return redirect("training:record_detail", org_slug=org_slug, kind=kind, pk=pk)


def public_hr(request, org_slug):
    announcements = HRAnnouncement.objects.filter(organization=request.organization, published_on__isnull=False,
                                                  published_on__lte=timezone.localdate())
    return render(request, "training/public_hr.html", {"announcements": announcements})


def public_property(request, org_slug):
    rules = PropertyRule.objects.filter(organization=request.organization, published=True).select_related("responsible__user")
    return render(request, "training/public_property.html", {"rules": rules})
