from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "ipbureau.dashboard"
    verbose_name = "统计看板"
