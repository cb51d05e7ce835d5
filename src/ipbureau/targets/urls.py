from django.urls import path

from ipbureau.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.target_table, name="table"),
    path("<int:year>/<str:code>/edit/", views.target_edit, name="edit"),
    path("import/", views.target_import, name="import"),
    path("population/", views.population_table, name="population"),
    path("population/import/", views.population_import_page, name="population_import"),
]
