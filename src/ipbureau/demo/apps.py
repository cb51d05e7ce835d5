from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data set (`ipbureau demo`): no models, it writes through the other apps'
    importer and services like a clerk would."""

    name = "ipbureau.demo"
    verbose_name = "演示数据"
