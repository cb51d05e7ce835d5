from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "ipbureau.assistance"
    verbose_name = "维权援助（12330）"
    default_auto_field = "django.db.models.BigAutoField"
