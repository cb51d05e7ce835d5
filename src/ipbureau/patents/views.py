import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ipbureau.accounts.selectors import can_edit, can_import_patents, scope_for
from ipbureau.audit.selectors import audit_history, with_labels
from ipbureau.patents import selectors
from ipbureau.patents.exports import MAX_EXPORT_ROWS, patents_workbook
from ipbureau.patents.forms import (
    AssignRegionForm,
    ConfirmImportForm,
    ImportUploadForm,
)
from ipbureau.patents.importer import FileFormatError, patents_import
from ipbureau.patents.models import ImportRun, Patent
from ipbureau.patents.services import patent_assign_region
from ipbureau.regions.selectors import regions_in_scope

PAGE_SIZE = 50


@login_required
def patent_list(request: HttpRequest) -> HttpResponse:
    # A bad value is shown as an error on its field; the other filters still apply.
    filters = selectors.patent_filter(request.user, request.GET or None)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "patents/list.html",
        {
            "form": filters.form,
            "page": page,
            "query": query.urlencode(),
            "max_export": MAX_EXPORT_ROWS,
        },
    )


@login_required
def patent_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as .xlsx: the same selector as the page, so the same scope."""
    filters = selectors.patent_filter(request.user, request.GET or None)
    patents = filters.qs.iterator(chunk_size=2000)
    response = HttpResponse(
        patents_workbook(patents),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="patents.xlsx"'
    return response


def _visible_patent(request: HttpRequest, patent_id: int) -> Patent:
    try:
        return selectors.patent_detail(request.user, patent_id)
    except Patent.DoesNotExist:
        raise Http404 from None


@login_required
def patent_detail(request: HttpRequest, patent_id: int) -> HttpResponse:
    patent = _visible_patent(request, patent_id)
    form = AssignRegionForm(
        regions=regions_in_scope(scope_for(request.user)), initial={"region": patent.region_id}
    )
    return render(
        request,
        "patents/detail.html",
        {
            "patent": patent,
            "history": with_labels(audit_history(patent)),
            "assign_form": form if can_edit(request.user) else None,
        },
    )


@login_required
@require_POST
def patent_assign(request: HttpRequest, patent_id: int) -> HttpResponse:
    patent = _visible_patent(request, patent_id)
    if not can_edit(request.user):
        raise PermissionDenied("您的账号只有查看权限。")
    form = AssignRegionForm(request.POST, regions=regions_in_scope(scope_for(request.user)))
    if not form.is_valid():
        messages.error(request, "请选择有效的地区。")
    else:
        # A refusal (PermissionDenied) is a 403 with the service's message.
        patent_assign_region(patent=patent, region=form.cleaned_data["region"], user=request.user)
        messages.success(
            request,
            f"已将 {patent.application_number or patent.publication_number} "
            f"划归 {form.cleaned_data['region'].name}。",
        )
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("patents:detail", patent_id=patent.pk)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.review_queue(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    form = AssignRegionForm(regions=regions_in_scope(scope_for(request.user)))
    return render(
        request,
        "patents/review.html",
        {"page": page, "assign_form": form, "editable": can_edit(request.user)},
    )


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if not can_import_patents(request.user):
            raise PermissionDenied("只有省局工作人员和系统管理员可以导入数据。")
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            run = _preview_upload(request, form.cleaned_data["file"])
            if run is not None:
                return redirect("patents:import_detail", run_id=run.pk)
    else:
        form = ImportUploadForm()
    runs = Paginator(selectors.import_runs_visible_to(request.user), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "patents/imports.html",
        {"form": form, "runs": runs, "editable": can_import_patents(request.user)},
    )


def _preview_upload(request: HttpRequest, upload) -> ImportRun | None:
    folder = settings.DATA_DIR / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
    with open(stored, "wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    try:
        run = patents_import(path=stored, user=request.user, dry_run=True, file_name=upload.name)
    except FileFormatError as exc:  # a run it got as far as creating is marked failed
        stored.unlink(missing_ok=True)
        messages.error(request, str(exc))
        return None
    run.stored_path = str(stored)
    run.save(update_fields=["stored_path"])
    return run


@login_required
def import_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(selectors.import_runs_visible_to(request.user), pk=run_id)
    # Bound on every POST, even an empty one (an unticked box sends nothing).
    form = ConfirmImportForm(request.POST if request.method == "POST" else None)
    can_confirm = (
        can_import_patents(request.user)
        and run.status == ImportRun.Status.PREVIEWED
        and run.user_id == request.user.pk
        and run.stored_path
        and Path(run.stored_path).is_file()
    )
    if request.method == "POST":
        if not can_confirm:
            messages.error(request, "这次导入已经处理过或文件已失效，请重新上传。")
        elif form.is_valid() and run.rejected and not form.cleaned_data["skip_bad"]:
            messages.error(
                request, "文件中有错误行。请改正文件后重新上传，或勾选“跳过错误行”只导入正确的行。"
            )
        elif form.is_valid():
            try:
                run = patents_import(
                    path=Path(run.stored_path),
                    user=request.user,
                    run=run,
                    skip_bad=form.cleaned_data["skip_bad"],
                )
            except FileFormatError as exc:  # the run is marked failed; the file is useless
                Path(run.stored_path).unlink(missing_ok=True)
                messages.error(request, str(exc))
                return redirect("patents:import_detail", run_id=run.pk)
            if run.status == ImportRun.Status.COMMITTED:
                Path(run.stored_path).unlink(missing_ok=True)
                messages.success(request, "导入完成。")
            else:
                messages.error(request, "文件中有错误行，未导入任何记录。")
            return redirect("patents:import_detail", run_id=run.pk)
    return render(
        request,
        "patents/import_detail.html",
        {"run": run, "form": form, "can_confirm": can_confirm},
    )
