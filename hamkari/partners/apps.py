from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "hamkari.partners"
    label = "partners"
    verbose_name = "Partners, consortia and routes"
    default_auto_field = "django.db.models.BigAutoField"
