from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "ipbureau.regions"
    verbose_name = "行政区划"
