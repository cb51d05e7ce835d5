"""The login lockout's authentication backend (django-axes), first in AUTHENTICATION_BACKENDS:
it refuses a locked-out account or address before any password is checked."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Every login over the web passes the request (Django's login form, the admin's, DRF).
    A login from code has none (the shell, the test client's login()): there is no address
    to count it against, so it goes on to the password check instead of raising."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
