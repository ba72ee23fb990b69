from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "prongsai.tenancy"
    label = "tenancy"
