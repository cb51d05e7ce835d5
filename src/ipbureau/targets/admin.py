from django.contrib import admin
from django.http import HttpRequest

from ipbureau.targets.models import Population, Target


class ReadOnlyAdmin(admin.ModelAdmin):
    """For looking only: changes go through the services, which check permission and write
    the audit trail; the admin would bypass both."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["year", "region", "metric", "value", "updated_at"]
    list_filter = ["year", "metric"]
    search_fields = ["region__code", "region__name"]


@admin.register(Population)
class PopulationAdmin(ReadOnlyAdmin):
    list_display = ["year", "region", "population", "updated_at"]
    list_filter = ["year"]
    search_fields = ["region__code", "region__name"]
