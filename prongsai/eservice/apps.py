from django.apps import AppConfig


class EserviceConfig(AppConfig):
    name = "prongsai.eservice"
    label = "eservice"
