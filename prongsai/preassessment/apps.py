from django.apps import AppConfig


class PreassessmentConfig(AppConfig):
    name = "prongsai.preassessment"
    label = "preassessment"
