import re

from django.http import JsonResponse
from django.shortcuts import render

from prongsai.tenancy.models import Organization

KIND_PREFIX = re.compile(r"^(องค์การบริหารส่วนตำบล|องค์การบริหารส่วนจังหวัด|เทศบาลตำบล|เทศบาลเมือง|เทศบาลนคร|"
                         r"อบต\.?|อบจ\.?|ทต\.?|ทม\.?|ทน\.?)")


def home(request):
    """The deployment's front page: the organizations it hosts (searchable by name, district or
    province, 50 a page — a provincial host serves hundreds); for staff, theirs first."""
    from django.core.paginator import Paginator
    from django.db.models import Q

    organizations = Organization.objects.filter(is_active=True)
    mine = []
    if request.user.is_authenticated:
        mine = list(organizations.filter(membership__user=request.user, membership__is_active=True))
    q = " ".join(request.GET.get("q", "").split())[:100]
    listed = organizations.order_by("province", "district", "base_name")
    for word in q.split():
        # "อบต.กำปัง" finds กำปัง: the kind is not part of the stored base name.
        word = KIND_PREFIX.sub("", word) or word
        listed = listed.filter(Q(base_name__icontains=word) | Q(name_en__icontains=word) | Q(slug__icontains=word)
                               | Q(subdistrict__icontains=word) | Q(district__icontains=word)
                               | Q(province__icontains=word))
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return render(request, "core/home.html", {"page": page, "q": q, "mine": mine,
                                              "any_organization": organizations.exists()})


def health(request):
    """For the load balancer and monitoring: 200 when the database (and the cache, when shared)
    answer, 503 otherwise. Never cached; reveals nothing but ok/error per check."""
    from prongsai.ops.health import run_checks

    checks = run_checks()
    ok = all(v == "ok" for v in checks.values())
    response = JsonResponse({"status": "ok" if ok else "error", "checks": checks}, status=200 if ok else 503)
    response["Cache-Control"] = "no-store"
    return response


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "403.html", {"reason": str(exception) if exception else ""}, status=403)


def server_error(request):
    return render(request, "500.html", status=500)


def language(request, code):
    """The public sites' language switch as a plain link (no form, so no CSRF token and no cookie
    on public pages: they stay cacheable by the front proxy). Choosing a language is a harmless
    preference, so a GET may set it; `next` must stay on this site."""
    from django.conf import settings
    from django.http import Http404, HttpResponseRedirect
    from django.utils.http import url_has_allowed_host_and_scheme

    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
                        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    response["Cache-Control"] = "no-store"
    return response
