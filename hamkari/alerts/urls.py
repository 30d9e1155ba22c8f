from django.urls import path

from hamkari.alerts import views

urlpatterns = [
    path("", views.watchlists, name="watchlists"),
    path("<int:pk>/", views.watchlist, name="watchlist"),
    path("<int:pk>/targets/", views.target_add, name="target_add"),
    path("<int:pk>/targets/<int:target>/remove/", views.target_remove, name="target_remove"),
    path("<int:pk>/delete/", views.watchlist_delete, name="watchlist_delete"),
    path("<int:pk>/feed-address/", views.token_renew, name="watchlist_token_renew"),
    path("follow/", views.follow, name="follow"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("feed/<str:token>.atom", views.feed, name="watchlist_feed"),
]
