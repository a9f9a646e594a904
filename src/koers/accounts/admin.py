from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import User


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((None, {"fields": ("is_functional_admin",)}),)
    list_display = ("username", "first_name", "last_name", "email", "is_functional_admin")
    search_fields = ("username", "first_name", "last_name", "email")
