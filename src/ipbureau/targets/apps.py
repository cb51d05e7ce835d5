from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "ipbureau.targets"
