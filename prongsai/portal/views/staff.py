"""Staff pages of the public site under /<org>/staff/site/ and /<org>/staff/publications/."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.complaints.fields import apply_errors
from prongsai.core.thai import fiscal_year_of
from prongsai.tenancy.access import get_owned, staff_view

from .. import categories, forms, selectors, services
from ..models import Executive, FaqEntry, InfoPage, Publication, SocialLink

EDITORS = ("admin", "coordinator")
PUBLISHERS = ("admin", "coordinator", "department_staff", "executive")


def _url(request, name, **kwargs):
    return reverse(name, kwargs={"org_slug": request.organization.slug, **kwargs})


def _form_page(request, *, title, form, back, formset=None, extra=None, multipart=False, submit=None):
    return render(request, "portal/staff/form.html", {
        "title": title, "form": form, "formset": formset, "back": back, "multipart": multipart,
        "submit": submit or _("บันทึก"), **(extra or {}),
    })


@staff_view(*PUBLISHERS)
def dashboard(request, org_slug):
    org = request.organization
    return render(request, "portal/staff/dashboard.html", {
        "counts": {s: Publication.objects.filter(organization=org, status=s).count() for s in Publication.Status.values},
        "is_editor": request.membership.role in EDITORS,
        "is_admin": request.membership.role == "admin",
        "profile": services.site_profile(org),
    })


@staff_view("admin")
def look(request, org_slug):
    org = request.organization
    profile = services.site_profile(org)
    form = forms.LookForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data}
        try:
            services.site_profile_update(organization=org, acting_user=request.user, data=data,
                                         logo=data.get("logo_file"), cover=data.get("cover_file"))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกรูปแบบเว็บไซต์แล้ว"))
            return redirect(_url(request, "portal:staff_look"))
    return _form_page(request, title=_("รูปแบบเว็บไซต์และโดเมน"), form=form, multipart=True,
                      back=_url(request, "portal:staff_dashboard"), extra={"profile": profile})


@staff_view(*EDITORS)
def contact_edit(request, org_slug):
    org = request.organization
    form = forms.ContactForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(organization=org, acting_user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกข้อมูลการติดต่อแล้ว"))
            return redirect(_url(request, "portal:staff_dashboard"))
    elif request.method == "POST":
        org.refresh_from_db()
    return _form_page(request, title=_("ข้อมูลการติดต่อ"), form=form, back=_url(request, "portal:staff_dashboard"))


@staff_view(*EDITORS)
def executive_list(request, org_slug):
    return render(request, "portal/staff/executives.html", {
        "executives": Executive.objects.filter(organization=request.organization).select_related("department"),
    })


@staff_view(*EDITORS)
def executive_edit(request, org_slug, pk=None):
    org = request.organization
    executive = get_owned(Executive, request, pk=pk) if pk else None
    form = forms.ExecutiveForm(request.POST or None, request.FILES or None, instance=executive, organization=org)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.executive_save(organization=org, acting_user=request.user, executive=executive, data=data,
                                    photo=data.get("photo_file"), remove_photo=data.get("remove_photo"))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกข้อมูลผู้บริหารแล้ว"))
            return redirect(_url(request, "portal:staff_executives"))
    return _form_page(request, title=_("แก้ไขข้อมูลผู้บริหาร") if executive else _("เพิ่มผู้บริหาร"), form=form,
                      multipart=True, back=_url(request, "portal:staff_executives"),
                      extra={"object": executive})


@staff_view(*EDITORS)
@require_POST
def executive_delete(request, org_slug, pk):
    executive = get_owned(Executive, request, pk=pk)
    services.executive_delete(organization=request.organization, acting_user=request.user, executive=executive)
    messages.success(request, _("ลบข้อมูลผู้บริหารแล้ว"))
    return redirect(_url(request, "portal:staff_executives"))


@staff_view(*EDITORS)
def page_edit(request, org_slug, kind):
    if kind not in InfoPage.Kind.values:
        raise Http404
    org = request.organization
    page = selectors.info_page(organization=org, kind=kind)
    initial = {"body": page.body, "image_alt": page.image_alt} if page else {}
    form = forms.InfoPageForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.info_page_save(organization=org, acting_user=request.user, kind=kind, body=d["body"],
                                    image=d.get("image_file"), image_alt=d.get("image_alt", ""),
                                    remove_image=d.get("remove_image"))
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกหน้าแล้ว"))
            return redirect(_url(request, "portal:staff_dashboard"))
    return _form_page(request, title=InfoPage.Kind(kind).label, form=form, multipart=True,
                      back=_url(request, "portal:staff_dashboard"), extra={"object": page})


@staff_view(*EDITORS)
def social_list(request, org_slug, pk=None):
    org = request.organization
    link = get_owned(SocialLink, request, pk=pk) if pk else None
    form = forms.SocialLinkForm(request.POST or None, instance=link)
    if request.method == "POST" and form.is_valid():
        try:
            services.social_link_save(organization=org, acting_user=request.user, link=link, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกช่องทางโซเชียลแล้ว"))
            return redirect(_url(request, "portal:staff_social"))
    return render(request, "portal/staff/social.html", {
        "form": form, "links": SocialLink.objects.filter(organization=org), "editing": link,
    })


@staff_view(*EDITORS)
@require_POST
def social_delete(request, org_slug, pk):
    link = get_owned(SocialLink, request, pk=pk)
    services.social_link_delete(organization=request.organization, acting_user=request.user, link=link)
    messages.success(request, _("ลบช่องทางแล้ว"))
    return redirect(_url(request, "portal:staff_social"))


@staff_view(*EDITORS)
def question_list(request, org_slug):
    return render(request, "portal/staff/questions.html", {
        "page": Paginator(FaqEntry.objects.filter(organization=request.organization), 30).get_page(
            request.GET.get("page")),
    })


@staff_view(*EDITORS)
def question_edit(request, org_slug, pk=None):
    question = get_owned(FaqEntry, request, pk=pk) if pk else None
    form = forms.QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_save(organization=request.organization, acting_user=request.user, question=question,
                                   data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("บันทึกคำถามแล้ว"))
            return redirect(_url(request, "portal:staff_questions"))
    return _form_page(request, title=_("คำถาม–คำตอบ"), form=form, back=_url(request, "portal:staff_questions"),
                      extra={"object": question})


@staff_view(*EDITORS)
@require_POST
def question_delete(request, org_slug, pk):
    question = get_owned(FaqEntry, request, pk=pk)
    services.question_delete(organization=request.organization, acting_user=request.user, question=question)
    messages.success(request, _("ลบคำถามแล้ว"))
    return redirect(_url(request, "portal:staff_questions"))


@staff_view(*EDITORS)
def category_list(request, org_slug):
    org = request.organization
    mapping = services.category_departments(org)
    from prongsai.tenancy.models import Department

    names = dict(Department.objects.filter(organization=org).values_list("id", "name"))
    rows = [{"category": c, "departments": sorted(names.get(d, "") for d in mapping.get(c.slug, ()))}
            for c in categories.all_categories().values()]
    return render(request, "portal/staff/categories.html", {"rows": rows})


@staff_view(*EDITORS)
def category_edit(request, org_slug, category):
    org = request.organization
    cat = categories.get(category)
    if cat is None:
        raise Http404
    current = services.category_departments(org).get(category, set())
    form = forms.CategoryDepartmentsForm(request.POST or None, organization=org,
                                         initial={"departments": list(current)})
    if request.method == "POST" and form.is_valid():
        services.category_departments_set(organization=org, acting_user=request.user, category=category,
                                          departments=list(form.cleaned_data["departments"]))
        messages.success(request, _("บันทึกส่วนราชการที่รับผิดชอบหมวดแล้ว"))
        return redirect(_url(request, "portal:staff_categories"))
    return _form_page(request, title=cat.name, form=form, back=_url(request, "portal:staff_categories"))


# --- publications ----------------------------------------------------------------------------


@staff_view(*PUBLISHERS)
def publication_list(request, org_slug):
    org = request.organization
    allowed = services.allowed_categories(request.membership)
    qs = (Publication.objects.filter(organization=org).select_related("department")
          .order_by("-updated_at", "-id"))
    if request.membership.role not in EDITORS:
        qs = qs.filter(category__in=allowed, department_id=request.membership.department_id)
    status = request.GET.get("status")
    if status in Publication.Status.values:
        qs = qs.filter(status=status)
    cat = request.GET.get("category")
    if cat and categories.get(cat):
        qs = qs.filter(category=cat)
    return render(request, "portal/staff/publications.html", {
        "page": Paginator(qs, 30).get_page(request.GET.get("page")), "status": status, "category": cat,
        "statuses": Publication.Status.choices, "can_create": bool(allowed),
        "allowed": [categories.get(s) for s in allowed],
    })


def _rows_from(formset) -> list[dict]:
    return [
        {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


@staff_view(*PUBLISHERS)
def publication_edit(request, org_slug, pk=None):
    org, membership = request.organization, request.membership
    pub = get_owned(Publication, request, pk=pk) if pk else None
    if pub is not None:
        try:
            services.require_can_edit(membership, pub)
        except PermissionDenied:
            raise
    allowed = services.allowed_categories(membership)
    if not allowed:
        raise PermissionDenied(_("คุณไม่มีหมวดที่เผยแพร่ได้ กรุณาติดต่อผู้ดูแลระบบ"))
    initial = {}
    if pub is None:
        today = timezone.localdate()
        initial = {"publication_date": today, "fiscal_year": fiscal_year_of(today),
                   "department": membership.department_id, "category": request.GET.get("category", "")}
    form = forms.PublicationForm(request.POST or None, request.FILES or None, instance=pub, initial=initial,
                                 organization=org, allowed=allowed, membership=membership)
    rows_initial = [
        {f: getattr(r, f) for f in forms.ProcurementRowForm.base_fields} for r in pub.procurement_rows.all()
    ] if pub else []
    formset = forms.ProcurementFormSet(request.POST or None, initial=rows_initial, prefix="rows")
    if request.method == "POST":
        form_ok = form.is_valid()
        rows_ok = formset.is_valid()
        if form_ok and rows_ok:
            d = form.cleaned_data
            cat = categories.get(d["category"])
            rows = _rows_from(formset) if cat and cat.is_procurement_table else None
            try:
                pub = services.publication_save(
                    organization=org, acting_user=request.user, membership=membership, publication=pub,
                    data=d, attachments=d.get("attachments") or [], rows=rows,
                    remove_attachments=[int(x) for x in request.POST.getlist("remove_attachment") if x.isdigit()],
                )
                if request.POST.get("publish") and pub.status != Publication.Status.PUBLISHED:
                    services.publication_publish(organization=org, acting_user=request.user, membership=membership,
                                                 publication=pub)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("บันทึกเอกสารแล้ว"))
                return redirect(_url(request, "portal:staff_publication", pk=pub.pk))
        if pk and pub is not None:
            pub.refresh_from_db()
    return render(request, "portal/staff/publication_form.html", {
        "form": form, "formset": formset, "pub": pub,
        "table_categories": [c.slug for c in categories.all_categories().values() if c.is_procurement_table],
        "monthly_categories": [c.slug for c in categories.all_categories().values() if c.monthly],
        "events": pub.events.select_related("actor") if pub else [],
        "withdraw_form": forms.WithdrawForm(),
    })


@staff_view(*PUBLISHERS)
@require_POST
def publication_publish(request, org_slug, pk):
    pub = get_owned(Publication, request, pk=pk)
    try:
        services.publication_publish(organization=request.organization, acting_user=request.user,
                                     membership=request.membership, publication=pub)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("เผยแพร่แล้ว"))
    return redirect(_url(request, "portal:staff_publication", pk=pub.pk))


@staff_view(*PUBLISHERS)
@require_POST
def publication_withdraw(request, org_slug, pk):
    pub = get_owned(Publication, request, pk=pk)
    form = forms.WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.publication_withdraw(organization=request.organization, acting_user=request.user,
                                      membership=request.membership, publication=pub, reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("ถอนการเผยแพร่แล้ว (ประวัติยังคงอยู่)"))
    return redirect(_url(request, "portal:staff_publication", pk=pub.pk))
