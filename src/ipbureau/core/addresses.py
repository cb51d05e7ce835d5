"""The address a request comes from, as the login lockout and the portal's rate limits count
it. Behind a reverse proxy every request arrives from the proxy, so the client is the last
entry the proxy appended to X-Forwarded-For; elsewhere that header is the client's own
writing and is ignored."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if settings.IPBUREAU_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
