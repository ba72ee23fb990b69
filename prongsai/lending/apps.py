from django.apps import AppConfig


class LendingConfig(AppConfig):
    name = "prongsai.lending"
    label = "lending"
