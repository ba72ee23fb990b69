"""Root URLs. Tenant routes live under /<org_slug>/: public pages at its root, staff pages
under /<org_slug>/staff/. Each app owns one urls.py mounted there (see ARCHITECTURE.md)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from prongsai.core import views as core_views

TENANT_APPS = [
    "tenancy", "audit", "ita", "measures", "reports", "oit", "search", "eservice", "complaints",
    "satisfaction", "lending", "preassessment", "training",
    "portal",  # last: its catch-all pages must not shadow other apps' routes
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("prongsai.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/lang/<str:code>/", core_views.language, name="language"),
    path("api/v1/", include("prongsai.api.urls")),
    *[path("<slug:org_slug>/", include(f"prongsai.{app}.urls")) for app in TENANT_APPS],
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "prongsai.core.views.not_found"
handler403 = "prongsai.core.views.forbidden"
handler500 = "prongsai.core.views.server_error"
