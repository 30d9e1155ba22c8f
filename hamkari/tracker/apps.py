from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "hamkari.tracker"
    label = "tracker"
    verbose_name = "Cooperation tracker"
    default_auto_field = "django.db.models.BigAutoField"
