from django.apps import AppConfig


class SatisfactionConfig(AppConfig):
    name = "prongsai.satisfaction"
    label = "satisfaction"
