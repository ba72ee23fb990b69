from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "prongsai.search"
    label = "search"
