from django.http import JsonResponse
from django.shortcuts import render

from prongsai.tenancy.models import Organization


def home(request):
    """The deployment's front page: the organizations it hosts; for staff, theirs first."""
    organizations = Organization.objects.filter(is_active=True)
    mine = []
    if request.user.is_authenticated:
        mine = list(organizations.filter(membership__user=request.user, membership__is_active=True))
    return render(request, "core/home.html", {"organizations": organizations, "mine": mine})


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
