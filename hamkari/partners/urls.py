from django.urls import path

from hamkari.partners import views

urlpatterns = [
    path("partners/<str:code>/", views.partners, name="partners"),
    path("consortium/", views.consortium, name="consortium"),
]
