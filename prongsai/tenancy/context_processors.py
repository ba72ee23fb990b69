from django.apps import apps
from django.urls import NoReverseMatch, reverse


def _staff_nav(request):
    """Staff menu from each app's AppConfig.staff_nav: [(label, url_name, roles or None)].
    Apps add their own entries; nothing here changes when an app is added."""
    membership = request.membership
    items = []
    for config in apps.get_app_configs():
        for label, url_name, roles in getattr(config, "staff_nav", ()):
            # roles: None (every member), a tuple of role names, or a callable(membership) -> bool
            if callable(roles):
                if not roles(membership):
                    continue
            elif roles and membership.role not in roles:
                continue
            try:
                url = reverse(url_name, kwargs={"org_slug": request.organization.slug})
            except NoReverseMatch:
                continue
            active = request.path == url or (url.rstrip("/").count("/") > 3 and request.path.startswith(url))
            items.append({"label": label, "url": url, "active": active})
    return items


def _public_nav(request):
    """Public menu from each app's AppConfig.public_nav: [(label, url_name)]."""
    items = []
    for config in apps.get_app_configs():
        for label, url_name in getattr(config, "public_nav", ()):
            try:
                url = reverse(url_name, kwargs={"org_slug": request.organization.slug})
            except NoReverseMatch:
                continue
            items.append({"label": label, "url": url, "active": request.path == url})
    return items


def organization(request):
    org = getattr(request, "organization", None)
    membership = getattr(request, "membership", None)
    return {
        "organization": org,
        "membership": membership,
        "staff_nav": _staff_nav(request) if org is not None and membership is not None else [],
        "public_nav": _public_nav(request) if org is not None else [],
    }
