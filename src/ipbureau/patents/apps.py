from django.apps import AppConfig


class PatentsConfig(AppConfig):
    name = "ipbureau.patents"
