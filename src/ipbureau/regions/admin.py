from django.contrib import admin

from ipbureau.regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ("code", "name")
    list_display = ("code", "name", "level", "parent")

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # reference data: changed only by `ipbureau init` from the vendored file

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
