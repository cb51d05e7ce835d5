from django.contrib.auth import views as auth_views

from ipbureau.accounts.throttle import (
    WINDOW_SECONDS,
    login_blocked,
    login_failed,
    login_succeeded,
)


class LoginView(auth_views.LoginView):
    """Django's login, refusing an address that keeps guessing one user's password."""

    def post(self, request, *args, **kwargs):
        self.address = request.META.get("REMOTE_ADDR", "")
        self.username = request.POST.get("username", "")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if login_blocked(self.address, self.username):
            return self._blocked(form)
        login_succeeded(self.address, self.username)
        return super().form_valid(form)

    def form_invalid(self, form):
        login_failed(self.address, self.username)
        if login_blocked(self.address, self.username):
            return self._blocked(form)
        return super().form_invalid(form)

    def _blocked(self, form):
        message = f"登录失败次数过多，请 {WINDOW_SECONDS // 60} 分钟后再试，或联系系统管理员。"
        response = self.render_to_response(self.get_context_data(form=form, blocked=message))
        response.status_code = 429
        return response
