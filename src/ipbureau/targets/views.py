from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from ipbureau.imports.tabular import SheetError
from ipbureau.patents.selectors import default_year
from ipbureau.regions.models import Region
from ipbureau.targets import selectors
from ipbureau.targets.forms import (
    ImportForm,
    PopulationForm,
    TableQueryForm,
    TargetRowForm,
    uploaded_copy,
)
from ipbureau.targets.imports import population_import, targets_import
from ipbureau.targets.models import Metric
from ipbureau.targets.permissions import can_set_some, region_label, target_denial
from ipbureau.targets.services import (
    TargetError,
    population_delete,
    population_set,
    target_row_set,
)
from ipbureau.targets.values import parse_year


def _picked(request: HttpRequest) -> tuple[TableQueryForm, int, Region]:
    """The year and the region whose breakdown the page shows (?year=&region=)."""
    default = default_year(request.user)
    form = TableQueryForm(
        request.GET or None,
        initial={"year": default},
        regions=selectors.parent_choices(request.user),
    )
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or default
    try:
        root = selectors.table_root(request.user, data.get("region") or None)
    except Region.DoesNotExist:
        raise Http404("没有可查看的地区") from None
    return form, year, root


def _table_url(name: str, year: int, root: Region) -> str:
    return f"{reverse(name)}?{urlencode({'year': year, 'region': root.code})}"


@login_required
def target_table(request: HttpRequest) -> HttpResponse:
    form, year, root = _picked(request)
    return render(
        request,
        "targets/table.html",
        {
            "form": form,
            "year": year,
            "root": root,
            "metrics": Metric.choices,
            "rows": selectors.target_table(request.user, year=year, root=root),
            "can_set": can_set_some(request.user),
        },
    )


@login_required
def target_edit(request: HttpRequest, year: int, code: str) -> HttpResponse:
    try:
        year = parse_year(year)
        region = selectors.table_root(request.user, code)
    except (ValueError, Region.DoesNotExist):
        raise Http404("没有这个地区或年度") from None
    denial = target_denial(request.user, region)
    if denial:
        raise PermissionDenied(denial)
    current = selectors.targets_of(year=year, region_code=region.code)
    form = TargetRowForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            changed = target_row_set(
                year=year, region=region, values=form.values(), user=request.user
            )
        except PermissionDenied:
            raise  # the 403 page shows the refusal's message
        except TargetError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            messages.success(
                request, f"已保存{region_label(region)}{year}年的目标（{changed}项有变化）。"
            )
            root = region.parent if region.parent_id else region
            return redirect(_table_url("targets:table", year, root))
    return render(
        request,
        "targets/edit.html",
        {"form": form, "year": year, "region": region, "label": region_label(region)},
    )


def _import_page(request: HttpRequest, *, kind: str) -> HttpResponse:
    """The upload page of targets or population: the same form, result and rules."""
    result = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_set_some(request.user):
            raise PermissionDenied("您的账号不能导入目标或人口数据。")
        if form.is_valid():
            run = targets_import if kind == "targets" else population_import
            upload = form.cleaned_data["file"]
            try:
                with uploaded_copy(upload) as path:
                    result = run(
                        path=path,
                        user=request.user,
                        file_name=upload.name,
                        skip_bad=form.cleaned_data["skip_bad"],
                        dry_run=form.cleaned_data["dry_run"],
                    )
            except SheetError as exc:
                form.add_error("file", str(exc))
    return render(
        request,
        "targets/import.html",
        {
            "form": form,
            "result": result,
            "kind": kind,
            "can_set": can_set_some(request.user),
        },
    )


@login_required
def target_import(request: HttpRequest) -> HttpResponse:
    return _import_page(request, kind="targets")


@login_required
def population_import_page(request: HttpRequest) -> HttpResponse:
    return _import_page(request, kind="population")


@login_required
def population_table(request: HttpRequest) -> HttpResponse:
    query, year, root = _picked(request)
    rows = selectors.population_table(request.user, year=year, root=root)
    forms = {
        r.region.code: PopulationForm.for_row(r.region.code, r.values[0])
        for r in rows
        if r.editable
    }
    if request.method == "POST":
        code = request.POST.get("region", "")
        if code not in forms:
            raise PermissionDenied("您无权填报这个地区的人口。")
        form = forms[code] = PopulationForm.for_row(code, None, data=request.POST)
        if form.is_valid():
            persons = form.cleaned_data["population_wan"]
            try:
                if persons is None:
                    population_delete(year=year, region=code, user=request.user)
                else:
                    population_set(year=year, region=code, population=persons, user=request.user)
            except PermissionDenied:
                raise  # the 403 page shows the refusal's message
            except TargetError as exc:
                form.add_error("population_wan", str(exc))
            else:
                messages.success(request, "已保存人口数。")
                return redirect(_table_url("targets:population", year, root))
    return render(
        request,
        "targets/population.html",
        {
            "form": query,
            "year": year,
            "root": root,
            "rows": [(row, forms.get(row.region.code)) for row in rows],
            "can_set": can_set_some(request.user),
        },
    )
