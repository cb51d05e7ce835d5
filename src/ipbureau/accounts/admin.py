from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from ipbureau.accounts import services
from ipbureau.accounts.models import User


@admin.register(User)
class IpbureauUserAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + (("岗位", {"fields": ("role", "region")}),)
    add_fieldsets = UserAdmin.add_fieldsets + (("岗位", {"fields": ("role", "region")}),)
    list_display = ("username", "first_name", "role", "region", "is_active")
    list_filter = ("role", "is_active")
    autocomplete_fields = ("region",)


# django-axes' list of failed logins, where an administrator lifts a lockout by deleting the
# records; deleting goes through the audited service instead of the plain delete.
admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AuditedAccessAttemptAdmin(AccessAttemptAdmin):
    def delete_model(self, request, obj):
        services.lockout_clear(actor=request.user, attempts=AccessAttempt.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        services.lockout_clear(actor=request.user, attempts=queryset)
