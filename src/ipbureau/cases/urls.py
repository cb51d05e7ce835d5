from django.urls import path

from ipbureau.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("receive/", views.case_receive, name="receive"),
    path("figures/", views.case_figures, name="figures"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/act/<str:action>/", views.case_act, name="act"),
    path("<int:case_id>/documents/", views.document_upload, name="document_upload"),
    path(
        "<int:case_id>/documents/<int:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<int:campaign_id>/", views.campaign_detail, name="campaign"),
]
