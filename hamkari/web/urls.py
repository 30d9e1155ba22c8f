from django.urls import path

from hamkari.web import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("regions/<str:code>/", views.region, name="region"),
    path("regions/<str:first>/<str:second>/", views.region_pair, name="region_pair"),
    path("entities/<int:pk>/", views.entity, name="entity"),
    path("entities/<int:pk>/profile/", views.profile_edit, name="profile_edit"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/merge/", views.person_merge, name="person_merge"),
    path("people/<int:pk>/split/", views.person_split, name="person_split"),
    path("stories/<int:pk>/", views.story, name="story"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("facts/<str:kind>/<int:pk>/review/", views.review, name="review"),
    path("review/", views.review_queue, name="review_queue"),
    path("audit/<str:kind>/<int:pk>/", views.audit, name="audit"),
    path("search/", views.search_page, name="search"),
    path("upload/", views.upload, name="upload"),
]
