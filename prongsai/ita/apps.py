from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_frameworks(sender, **kwargs):
    # Frameworks are reference data from files: every migrate brings the database up to date.
    from .frameworks import load_all

    load_all()


class ItaConfig(AppConfig):
    name = "prongsai.ita"
    label = "ita"

    def ready(self):
        post_migrate.connect(_load_frameworks, sender=self)
