from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ipbureau.accounts.models import User


@admin.register(User)
class IpbureauUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("岗位", {"fields": ("role", "region")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("岗位", {"fields": ("role", "region")}),)
    list_display = ("username", "first_name", "role", "region", "is_active")
    list_filter = ("role", "is_active")
    autocomplete_fields = ("region",)
