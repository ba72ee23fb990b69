"""The JSON API at /api/v1/ (django-ninja; OpenAPI schema at /api/v1/openapi.json, docs at
/api/v1/docs). Each app that offers endpoints has an `api.py` with a ninja `router`; it is
mounted here automatically, so adding an app's API touches no shared file."""

from importlib import import_module

from django.conf import settings
from ninja import NinjaAPI

api = NinjaAPI(
    title="Prongsai API",
    version="1",
    description="ข้อมูลเปิดและบริการของหน่วยงานบนระบบโปร่งใส (Prongsai open data and services)",
    urls_namespace="api",
    docs_url="docs",
)

for app in settings.PRONGSAI_APPS:
    try:
        module = import_module(f"{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api":
            raise
        continue
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router("", router)
