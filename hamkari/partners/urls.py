from django.urls import path

from hamkari.partners import views

urlpatterns = [
    path("partners/<str:code>/", views.partners, name="partners"),
    path("consortium/", views.consortium, name="consortium"),
    path("entities/<int:pk>/capacity/", views.capacity_edit, name="capacity_edit"),
    path("regions/<str:code>/reference/", views.reference_edit, name="reference_edit"),
]
