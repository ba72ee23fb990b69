"""Load the demo (idempotent: running it twice changes nothing the second time).

The foundation creates the organizations and people; then every app that has a `demo`
module with `load(ctx)` adds its own demo data, in INSTALLED_APPS order."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django_scopes import scopes_disabled

from prongsai.demo.context import DEMO_PASSWORD
from prongsai.demo.foundation import load_foundation


class Command(BaseCommand):
    help = "Load the demo organizations (idempotent) and print the demo accounts."

    def handle(self, *args, **options):
        ctx = load_foundation()
        for app in settings.PRONGSAI_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            with scopes_disabled():
                module.load(ctx)
        self.stdout.write(self.style.SUCCESS("Demo ready. Accounts (password: %s):" % DEMO_PASSWORD))
        for username, org, role in ctx.accounts:
            self.stdout.write(f"  {username:<16} {org:<16} {role}")
        self.stdout.write(f"  Staff:  http://127.0.0.1:8000/{ctx.main.slug}/staff/")
        self.stdout.write(f"  Public: http://127.0.0.1:8000/{ctx.main.slug}/")
