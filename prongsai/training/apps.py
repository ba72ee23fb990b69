from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "prongsai.training"
    label = "training"
