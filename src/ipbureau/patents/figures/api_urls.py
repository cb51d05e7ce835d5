from django.urls import path

from ipbureau.patents.figures import api

urlpatterns = [
    path("figures/", api.FiguresView.as_view(), name="stats-figures"),
    path("trend/", api.TrendView.as_view(), name="stats-trend"),
    path("type-mix/", api.TypeMixView.as_view(), name="stats-type-mix"),
    path("top-applicants/", api.TopApplicantsView.as_view(), name="stats-top-applicants"),
    path("top-agencies/", api.TopAgenciesView.as_view(), name="stats-top-agencies"),
    path("valid-inventions/", api.ValidInventionsView.as_view(), name="stats-valid-inventions"),
]
