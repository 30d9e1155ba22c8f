from django.contrib import admin

from hamkari.accounts import models

admin.site.register(models.ApiToken, list_display=("user", "name", "created_at", "last_used_at"))
admin.site.register(models.EditorScope, list_display=("user", "entity"))
