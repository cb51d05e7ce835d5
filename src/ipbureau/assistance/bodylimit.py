"""A portal request whose body is larger than any valid submission is answered 413 before
anything reads it. Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE) leaves out uploaded
files, which it streams whole to a temporary file, and the CSRF check reads the form before
any view runs: hence a middleware, looking only at the declared length. A body without one
(chunked) is read as empty under WSGI."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ipbureau.assistance.attachments import max_bytes

PORTAL_PREFIX = "/portal/"
# Room for the text fields (at most a few KB of UTF-8) and the multipart framing.
FORM_BYTES = 64 * 1024


def portal_body_max() -> int:
    return max_bytes() + FORM_BYTES


class PortalBodyLimitMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(PORTAL_PREFIX) and _declared_length(request) > (
            limit := portal_body_max()
        ):
            response = render(request, "portal/too_large.html", {"limit_mb": limit // 2**20})
            response.status_code = 413
            return response
        return self.get_response(request)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
