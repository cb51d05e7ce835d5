from django.urls import path

from ipbureau.patents import views

app_name = "patents"
urlpatterns = [
    path("", views.patent_list, name="list"),
    path("export.xlsx", views.patent_export, name="export"),
    path("<int:patent_id>/", views.patent_detail, name="detail"),
    path("<int:patent_id>/region/", views.patent_assign, name="assign"),
    path("review/", views.review_queue, name="review"),
    path("imports/", views.import_list, name="imports"),
    path("imports/<int:run_id>/", views.import_detail, name="import_detail"),
]
