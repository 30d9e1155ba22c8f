from django.urls import path

from hamkari.web.views import articles, overview, people, places, search, sources, stories, suggest, upload

urlpatterns = [
    path("", overview.dashboard, name="dashboard"),
    path("regions/<str:code>/", places.region, name="region"),
    path("regions/<str:first>/<str:second>/", places.region_pair, name="region_pair"),
    path("entities/<int:pk>/", places.entity, name="entity"),
    path("entities/<int:pk>/profile/", places.profile_edit, name="profile_edit"),
    path("people/<int:pk>/", people.person, name="person"),
    path("people/<int:pk>/merge/", people.person_merge, name="person_merge"),
    path("people/<int:pk>/split/", people.person_split, name="person_split"),
    path("stories/<int:pk>/", stories.story, name="story"),
    path("stories/<int:pk>/merge/", stories.story_merge, name="story_merge"),
    path("stories/<int:pk>/split/", stories.story_split, name="story_split"),
    path("articles/<int:pk>/", articles.article, name="article"),
    path("facts/<str:kind>/<int:pk>/review/", articles.review, name="review"),
    path("review/", articles.review_queue, name="review_queue"),
    path("audit/<str:kind>/<int:pk>/", articles.audit, name="audit"),
    path("search/", search.search_page, name="search"),
    path("upload/", upload.upload, name="upload"),
    path("sources/", sources.sources, name="sources"),
    path("sources/<int:pk>/", sources.source, name="source"),
    path("sources/<int:pk>/enable/", sources.source_enable, name="source_enable"),
    path("jobs/", upload.jobs, name="jobs"),
    path("jobs/<int:pk>/", upload.job, name="job"),
    path("jobs/reextract/", upload.reextract, name="reextract"),
    path("suggest/<str:kind>/", suggest.suggest, name="suggest"),
]
