from django.urls import path

from ipbureau.orgs import views

app_name = "orgs"
urlpatterns = [
    path("<int:org_id>/", views.organization_detail, name="detail"),
    path("<int:org_id>/merge/", views.organization_merge_view, name="merge"),
]
