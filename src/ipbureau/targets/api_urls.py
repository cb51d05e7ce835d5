from django.urls import path

from ipbureau.targets import api

urlpatterns = [
    path("", api.TargetListCreate.as_view(), name="api-targets"),
    path("population/", api.PopulationList.as_view(), name="api-population"),
]
