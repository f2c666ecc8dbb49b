from django.urls import path

from claims import views

app_name = "claims"

urlpatterns = [
    path("articles/", views.article_list, name="article_list"),
    path("articles/new/", views.article_new, name="article_new"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>/extract/", views.article_extract_again, name="article_extract_again"),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/verify/", views.claim_verify_again, name="claim_verify_again"),
    path("claims/<int:pk>/sources/", views.claim_source_add, name="claim_source_add"),
]
