from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "ipbureau.cases"
    verbose_name = "执法案件"
