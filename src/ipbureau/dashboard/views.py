"""The statistics dashboard (统计看板).

Every number on the page comes from `ipbureau.patents.figures` with the user's scope, so the
page shows what the API, the command and the reports show, and a city user cannot see another
city: the selectors refuse a region outside the scope (403) and list only the regions in it.
The view only chooses the arguments (region, period), builds the drill-down links and hands
the figures to the template, which prints the numbers and embeds the same figures as JSON
(`json_script`) for the ECharts drawings in static/dashboard/dashboard.js.
"""

from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from ipbureau.accounts.selectors import Scope, scope_for
from ipbureau.assistance.figures import assistance_figures
from ipbureau.cases.figures import case_figures
from ipbureau.dashboard.forms import MAP_METRICS, PERIOD_CHOICES, DashboardForm
from ipbureau.figures.periods import Period, PeriodError, period_for
from ipbureau.patents import figures as stats
from ipbureau.patents.models import PatentType
from ipbureau.patents.selectors import default_year
from ipbureau.regions.models import Region
from ipbureau.regions.selectors import regions_in_scope

TOP_LIMIT = 10
LEVEL_CHILDREN = {Region.Level.PROVINCE: "市州", Region.Level.CITY: "县区"}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    form = DashboardForm(request.GET or None, regions=regions_in_scope(scope))
    cleaned: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # an invalid field is reported and left at its default
        cleaned = form.cleaned_data
    problems = [f"{form.fields[k].label}：{' '.join(v)}" for k, v in form.errors.items()]

    code = (request.GET.get("region") or "").strip() or stats.default_region_code(scope)
    if not (code.isdigit() and len(code) == 6):
        raise Http404("没有这个地区")
    period, period_problem = _period(request, cleaned)
    if period_problem:
        problems.append(period_problem)
    metric = cleaned.get("metric") or MAP_METRICS[0][0]

    # GB/T 2260: a county's code does not end in 00 and has no rows below it; for a province
    # or a city, by="city" lists the next level down.
    by = "city" if code.endswith("00") else None
    try:
        figures = stats.figures(scope=scope, region_code=code, period=period, by=by)
    except stats.RegionNotFound as exc:
        raise Http404(str(exc)) from None
    # RegionOutOfScope is a PermissionDenied: Django answers 403 with its message.
    region = Region.objects.select_related("parent").get(code=figures["region"]["code"])
    # The end of the drill-down: a county, or a city without counties (嘉峪关).
    has_children = bool(figures["rows"])
    trend = stats.monthly_trend(scope=scope, region_code=region.code, year=period.year)
    applicants = stats.top_applicants(
        scope=scope, region_code=region.code, period=period, limit=TOP_LIMIT
    )
    agencies = stats.top_agencies(
        scope=scope, region_code=region.code, period=period, limit=TOP_LIMIT
    )

    protection = _protection(scope, region.code, period)

    state = {"year": period.year, "period": period.kind, "metric": metric}
    if period.kind == "YTD" or cleaned.get("until"):
        state["until"] = period.end.isoformat()
    total = figures["total"]
    total_links = patent_links(region.code, period)
    rows = []
    for row in sorted(figures["rows"], key=_rank_key):
        rows.append(
            {
                **row,
                "href": dashboard_url(row["code"], state),
                "links": patent_links(row["code"], period),
            }
        )
    for entry in applicants["rows"]:
        entry["href"] = patent_url(region.code, period, first_applicant_id=entry["id"])
    for entry in agencies["rows"]:
        entry["href"] = patent_url(region.code, period, agency_id=entry["id"])

    map_code = region.code if region.level < Region.Level.COUNTY else region.parent_id
    map_info = None
    if map_url(map_code):
        map_info = {"url": map_url(map_code), "code": map_code, "focus": region.code}
        if not has_children:
            # The leaf of the drill-down: its shape on its city's map opens its patents.
            map_info["leaf_href"] = total_links["applications"]
    data = {
        "region": {**figures["region"], "level": region.level},
        "period": figures["period"],
        "year": period.year,
        "metric": metric,
        "metrics": dict(MAP_METRICS),
        "total": total,
        "links": total_links,
        "rows": rows,
        "trend": trend,
        "map": map_info,
    }

    if not form.is_bound:
        form = DashboardForm(
            initial={**state, "region": region.code, "until": state.get("until")},
            regions=regions_in_scope(scope),
        )
    context = {
        "form": form,
        "problems": problems,
        "region": region,
        "breadcrumb": _breadcrumb(scope, region, state),
        "period": figures["period"],
        "period_kind": dict(PERIOD_CHOICES).get(period.kind, period.kind),
        "whole_year": period.whole_year,
        "total": total,
        "links": total_links,
        "rows": rows,
        "children_label": LEVEL_CHILDREN.get(region.level) if has_children else None,
        "applicants": applicants["rows"],
        "agencies": agencies["rows"],
        "metric": metric,
        "metric_choices": MAP_METRICS,
        "protection": protection,
        "data": data,
        # The summaries change with the records in one transaction: this is the last change.
        "figures_as_of": stats.summary_updated_at(),
    }
    template = (
        "dashboard/_panel.html" if request.headers.get("HX-Request") else "dashboard/index.html"
    )
    return render(request, template, context)


# --------------------------------------------------------------------------- arguments


def _protection(scope: Scope, code: str, period: Period) -> dict[str, Any]:
    """Enforcement cases and 12330 requests received in the period, from the same selectors
    as their own figures pages, the API and `ipbureau stats cases|assistance`."""
    query = urlencode({"year": period.year, "period": period.kind, "region": code})
    return {
        "cases": case_figures(scope=scope, region_code=code, period=period, by=None)["total"],
        "requests": assistance_figures(scope=scope, region_code=code, period=period, by=None)[
            "total"
        ],
        "cases_href": f"{reverse('cases:figures')}?{query}",
        "requests_href": reverse("assistance:list"),
    }


def _period(request: HttpRequest, cleaned: dict) -> tuple[Period, str | None]:
    year = cleaned.get("year") or default_year(request.user)
    kind = cleaned.get("period") or ("YTD" if year == timezone.localdate().year else "year")
    try:
        return period_for(year, kind, cleaned.get("until")), None
    except PeriodError as exc:
        return period_for(year, kind), f"{exc}，已按整个期间统计"


def _rank_key(row: dict[str, Any]) -> tuple:
    return (row["rank"] is None, row["rank"] or 0, row["code"])


def _breadcrumb(scope, region: Region, state: dict) -> list[dict[str, str]]:
    chain = []
    node: Region | None = region
    while node is not None:
        chain.append(node)
        node = node.parent
    return [
        {"name": r.name, "href": dashboard_url(r.code, state)}
        for r in reversed(chain)
        if scope.contains(r.code)
    ]


# --------------------------------------------------------------------------- links


def dashboard_url(code: str, state: dict) -> str:
    return f"{reverse('dashboard:index')}?{urlencode({'region': code, **state})}"


def patent_url(code: str, period: Period, *, event: str = "filing", **extra: Any) -> str:
    """The patent list behind a number: the region (its code prefix), the period's dates
    on the filing or the grant date, and whatever else the number counts (type, PCT,
    agency_filed, the first applicant or the agency), so the list's count is the figure.
    The year stays in the link too, for the list's year field; a cumulative figure has no
    year and only the end date."""
    query: dict[str, Any] = {"region": code}
    prefix = "granted" if event == "grant" else "filed"
    if not period.is_cumulative:
        query["grant_year" if event == "grant" else "filing_year"] = period.year
        if not period.whole_year:
            query[f"{prefix}_from"] = period.start.isoformat()
    query[f"{prefix}_to"] = period.end.isoformat() if not period.whole_year else None
    query.update(extra)
    query = {k: v for k, v in query.items() if v is not None}
    return f"{reverse('patents:list')}?{urlencode(query)}"


def patent_links(code: str, period: Period) -> dict[str, str]:
    links = {
        "applications": patent_url(code, period),
        "grants": patent_url(code, period, event="grant"),
        "agency_filed": patent_url(code, period, agency_filed="yes"),
        "pct_applications": patent_url(code, period, is_pct="yes"),
    }
    for patent_type in PatentType.values:
        links[f"{patent_type}_applications"] = patent_url(code, period, patent_type=patent_type)
        links[f"{patent_type}_grants"] = patent_url(
            code, period, event="grant", patent_type=patent_type
        )
    return links


@cache
def _map_exists(code: str) -> bool:
    return finders.find(f"maps/{code}.json") is not None


def map_url(code: str | None) -> str | None:
    if not code or not code.startswith(settings.IPBUREAU_PROVINCE) or not _map_exists(code):
        return None
    return static(f"maps/{code}.json")
