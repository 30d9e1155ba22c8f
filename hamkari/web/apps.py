from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "hamkari.web"
    label = "web"
    verbose_name = "Web application"
    default_auto_field = "django.db.models.BigAutoField"
