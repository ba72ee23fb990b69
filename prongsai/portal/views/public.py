"""Public pages of an organization's site. Thin: reads come from selectors, the organization
from the request. Unknown categories, years and publications answer 404 (in Thai)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from prongsai.complaints.fields import apply_errors
from prongsai.core.antiabuse import client_ip, rate_limited
from prongsai.core.thai import fiscal_year_of
from prongsai.ops.middleware import shared_cacheable

from .. import categories, exports, fragments, selectors, services
from ..forms import AskForm
from ..models import Attachment, Executive, InfoPage, Publication

MIN_YEAR = 2540


def paginate(request, qs, per_page=selectors.PAGE_SIZE):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def check_year(year: int | None) -> int | None:
    if year is None:
        return None
    if not (MIN_YEAR <= year <= fiscal_year_of(timezone.localdate()) + 1):
        raise Http404(_("ไม่พบปีงบประมาณนี้"))
    return year


def check_category(slug: str):
    category = categories.get(slug)
    if category is None:
        raise Http404(_("ไม่พบหมวดนี้"))
    return category


@shared_cacheable(10)  # the busiest page: the front proxy may serve it for 10 s (docs/deploy.md)
def home(request, org_slug):
    return render(request, "portal/home.html", {"home_body": fragments.home_body(request)})


@shared_cacheable(10)
def info(request, org_slug, kind):
    org = request.organization
    context = {"page": selectors.info_page(organization=org, kind=kind), "kind": kind,
               "title": InfoPage.Kind(kind).label}
    if kind == InfoPage.Kind.STRUCTURE:
        context["sides"] = selectors.executives(organization=org)
    return render(request, "portal/info.html", context)


@shared_cacheable(10)
def executives(request, org_slug):
    sides = selectors.executives(organization=request.organization)
    return render(request, "portal/executives.html", {
        "political": sides.get(Executive.Side.POLITICAL, []), "official": sides.get(Executive.Side.OFFICIAL, []),
    })


@shared_cacheable(10)
def contact(request, org_slug):
    return render(request, "portal/contact.html", {"social": selectors.social_links(organization=request.organization)})


ASK_LIMIT = (5, 3600)  # questions per address per hour


@shared_cacheable(10)  # shared only when no form was rendered (the form sets a CSRF cookie)
def questions(request, org_slug):
    org = request.organization
    form = AskForm(request.POST or None)
    if request.method == "POST":
        limit, window = ASK_LIMIT
        if rate_limited(organization=org, bucket="portal-ask", ident=client_ip(request), limit=limit, window=window):
            return render(request, "complaints/limited.html", status=429)
        if form.is_valid():
            if not form.is_bot:
                try:
                    services.question_ask(organization=org, text=form.cleaned_data["question"])
                except ValidationError as exc:
                    apply_errors(form, exc)
            if not form.errors:
                messages.success(request, _("ได้รับคำถามแล้ว หน่วยงานจะตอบและเผยแพร่ในหน้านี้"))
                return redirect(reverse("portal:questions", kwargs={"org_slug": org.slug}))
    return render(request, "portal/questions.html", {
        "page": paginate(request, selectors.questions(organization=org)), "form": form,
    })


@shared_cacheable(10)
def publications(request, org_slug, category=None, year=None):
    org = request.organization
    cat = check_category(category) if category else None
    if year is None and request.GET.get("year"):
        try:
            year = int(request.GET["year"])
        except ValueError:
            raise Http404(_("ไม่พบปีงบประมาณนี้")) from None
    year = check_year(year)
    if cat is None and request.GET.get("category"):
        cat = check_category(request.GET["category"])
    qs = selectors.publication_list(organization=org, category=cat.slug if cat else None, fiscal_year=year)
    return render(request, "portal/publications.html", {
        "category": cat, "year": year, "page": paginate(request, qs),
        "years": selectors.fiscal_years(organization=org, category=cat.slug if cat else None),
        "groups": categories.by_group(),
    })


@shared_cacheable(10)
def publication(request, org_slug, pk):
    pub = selectors.publication_detail(organization=request.organization, pk=pk)
    if pub is None:
        raise Http404(_("ไม่พบเอกสารนี้"))
    return render(request, "portal/publication.html", {"pub": pub, "category": pub.category_obj},
                  status=200)


# private: the visitor's browser may keep it, a shared cache (the nginx micro-cache) may not — a file
# withdrawn by mistake (personal data) must stop being served at once.
@cache_control(private=True, max_age=300)
def attachment(request, org_slug, pk, file_pk):
    att = (Attachment.objects.filter(organization=request.organization, pk=file_pk, publication_id=pk,
                                     publication__status=Publication.Status.PUBLISHED).first())
    if att is None:
        raise Http404(_("ไม่พบไฟล์นี้"))
    inline = att.kind in ("pdf", "image")
    try:
        handle = att.file.open("rb")
    except FileNotFoundError:  # the row outlived its file (a restore without media): not found, not a 500
        raise Http404 from None
    return FileResponse(handle, as_attachment=not inline, filename=att.name)


def procurement_export(request, org_slug, pk, fmt):
    pub = selectors.publication_detail(organization=request.organization, pk=pk)
    if pub is None or not pub.is_public or not (pub.category_obj and pub.category_obj.is_procurement_table):
        raise Http404(_("ไม่พบเอกสารนี้"))
    rows = exports.procurement_rows(pub.procurement_rows.all())
    name = f"{request.organization.slug}-procurement-{pub.pk}"
    if fmt == "csv":
        return exports.csv_response(f"{name}.csv", exports.PROCUREMENT_HEADER, rows)
    return exports.xlsx_response(f"{name}.xlsx", exports.PROCUREMENT_HEADER, rows, title="สขร.1")
