"""The public portal (no login): submit a consultation or a complaint, see its receipt code,
and follow it with that code. Nothing here shows any request other than the one whose code
was typed, and both submitting and tracking are rate-limited per client address."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ipbureau.accounts.selectors import Scope
from ipbureau.assistance import selectors, services, throttle
from ipbureau.assistance.attachments import attachment_store
from ipbureau.assistance.forms import PortalComplainForm, PortalConsultForm, TrackForm
from ipbureau.assistance.models import Kind
from ipbureau.core.addresses import client_address
from ipbureau.regions.selectors import regions_in_scope

RECEIPT_SESSION_KEY = "portal_receipt"


def _too_many(request: HttpRequest, message: str) -> HttpResponse:
    response = render(request, "portal/limited.html", {"message": message})
    response.status_code = 429
    response["Retry-After"] = str(throttle.WINDOW_SECONDS)
    return response


def _regions():
    # Every region of the deployment province, whatever the visitor.
    return regions_in_scope(Scope(prefix=settings.IPBUREAU_PROVINCE))


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html")


def _submit(request: HttpRequest, form_class, kind: str, template: str) -> HttpResponse:
    address = client_address(request)
    if request.method == "POST":
        if throttle.over_limit("submit", address, throttle.SUBMISSIONS_PER_HOUR):
            return _too_many(request, "您提交得太频繁了，请一小时后再试，或拨打 12330 热线。")
        # Every attempt counts, refused ones too: a script sending bad input is held back
        # as soon as one sending good input.
        throttle.count("submit", address)
    form = form_class(request.POST or None, request.FILES or None, regions=_regions())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("attachment", None)
        attachment = attachment_store(upload, form.attachment_type) if upload else None
        try:
            created = services.request_receive(
                user=None, channel="online", kind=kind, attachment=attachment, **data
            )
        except services.AssistanceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            request.session[RECEIPT_SESSION_KEY] = created.receipt_code
            return redirect("portal:receipt")
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def consult(request: HttpRequest) -> HttpResponse:
    return _submit(request, PortalConsultForm, Kind.CONSULTATION, "portal/consult.html")


@require_http_methods(["GET", "POST"])
def complain(request: HttpRequest) -> HttpResponse:
    return _submit(request, PortalComplainForm, Kind.COMPLAINT, "portal/complain.html")


def receipt(request: HttpRequest) -> HttpResponse:
    """Shown once after a submission: the code lives in the submitter's session only."""
    code = request.session.pop(RECEIPT_SESSION_KEY, None)
    if not code:
        return redirect("portal:index")
    return render(request, "portal/receipt.html", {"code": code})


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """POST only for the code: it stays out of server logs and browser history."""
    if request.method == "GET":
        return render(request, "portal/track.html", {"form": TrackForm()})
    address = client_address(request)
    if throttle.over_limit("track", address, throttle.TRACKS_PER_HOUR):
        return _too_many(request, "查询次数过多，请一小时后再试，或拨打 12330 热线。")
    throttle.count("track", address)
    form = TrackForm(request.POST)
    found = selectors.request_by_receipt(form.cleaned_data["code"]) if form.is_valid() else None
    return render(request, "portal/track.html", {
        "form": form, "item": found, "not_found": form.is_valid() and found is None,
    })  # fmt: skip
