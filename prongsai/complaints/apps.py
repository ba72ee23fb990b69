from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "prongsai.complaints"
    label = "complaints"
