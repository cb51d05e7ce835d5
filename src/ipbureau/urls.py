from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from ipbureau.accounts.views import PasswordChangeView
from ipbureau.assistance.api import AssistanceFiguresView
from ipbureau.cases.api import CaseFiguresView
from ipbureau.core.views import healthz
from ipbureau.patents.api import PatentViewSet

router = DefaultRouter()
router.register("patents", PatentViewSet, basename="patent")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="patents:list"), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # The admin's own password change would bypass the audit: it is this one too.
    path("admin/password_change/", RedirectView.as_view(pattern_name="password_change")),
    path("patents/", include("ipbureau.patents.urls")),
    path("orgs/", include("ipbureau.orgs.urls")),
    path("audit/", include("ipbureau.audit.urls")),
    path("dashboard/", include("ipbureau.dashboard.urls")),
    path("stats/", include("ipbureau.patents.figures.urls")),
    path("targets/", include("ipbureau.targets.urls")),
    path("cases/", include("ipbureau.cases.urls")),
    path("api/v1/stats/cases/", CaseFiguresView.as_view(), name="stats-cases"),
    path("assistance/", include("ipbureau.assistance.urls")),
    path("portal/", include("ipbureau.assistance.portal_urls")),
    path("api/v1/stats/assistance/", AssistanceFiguresView.as_view(), name="stats-assistance"),
    path("api/v1/stats/", include("ipbureau.patents.figures.api_urls")),
    path("api/v1/cases/", include("ipbureau.cases.api_urls")),
    path("api/v1/targets/", include("ipbureau.targets.api_urls")),
    path("api/v1/", include(router.urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
