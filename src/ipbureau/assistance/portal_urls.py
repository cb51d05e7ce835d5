from django.urls import path

from ipbureau.assistance import portal

app_name = "portal"
urlpatterns = [
    path("", portal.landing, name="index"),
    path("consult/", portal.consult, name="consult"),
    path("complain/", portal.complain, name="complain"),
    path("receipt/", portal.receipt, name="receipt"),
    path("track/", portal.track, name="track"),
]
