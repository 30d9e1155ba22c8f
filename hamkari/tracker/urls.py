from django.urls import path

from hamkari.tracker import views

urlpatterns = [
    path("groups/", views.groups, name="groups"),
    path("groups/<int:pk>/", views.group, name="group"),
    path("groups/<int:pk>/<str:action>/", views.group_action, name="group_action"),
    path("groups/<int:pk>/plan.<str:fmt>", views.plan_export, name="plan_export"),
    path("groups/<int:pk>/calendar.ics", views.group_calendar, name="group_calendar"),
    path("calendar.ics", views.my_calendar, name="my_calendar"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("events/", views.events, name="events"),
    path("instruments/<int:pk>/", views.instrument, name="instrument"),
    path("briefs/<str:kind>/<str:first>/", views.brief_page, name="brief_group"),
    path("briefs/<str:kind>/<str:first>/<str:second>/", views.brief_page, name="brief_pair"),
]
