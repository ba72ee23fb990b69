from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "prongsai.search"
    label = "search"
    verbose_name = _("ค้นหา")
    public_nav = [(_("ค้นหา"), "search:search")]

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receiver)
