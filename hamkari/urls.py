from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path

from hamkari.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tracker/", include("hamkari.tracker.urls")),
    path("alerts/", include("hamkari.alerts.urls")),
    path("", include("hamkari.partners.urls")),
    path("", include("hamkari.web.urls")),
]


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Unknown addresses under /api/ answer in the API's error shape."""
    if request.path.startswith("/api/"):
        error = {"status": 404, "code": "not_found", "message": f"no API endpoint at {request.path}"}
        return JsonResponse({"error": error}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


handler404 = not_found
