from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect

from ipbureau.accounts import services


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, writing through the audited service."""

    def form_valid(self, form):
        services.user_password_change(user=form.user, password=form.cleaned_data["new_password1"])
        # Keeps this session logged in; the user's other sessions end.
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())
