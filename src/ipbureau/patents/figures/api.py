"""REST endpoints for the statistics: the selectors' envelopes as they are, with the region
scope of the caller. The serializers below validate query parameters and describe the
answers for the OpenAPI schema; the numbers come from the selectors only."""

from collections.abc import Callable
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ipbureau.accounts.selectors import scope_for
from ipbureau.figures.errors import RegionNotFound, RegionOutOfScope, StatsError
from ipbureau.figures.periods import KINDS_HELP, period_for
from ipbureau.patents import figures as selectors

# --- query parameters -------------------------------------------------------------------


class RegionQuery(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text="六位地区代码；默认本省（市县用户默认本地区）"
    )


class PeriodQuery(RegionQuery):
    year = serializers.IntegerField(min_value=1985, max_value=2100, help_text="统计年度")
    period = serializers.CharField(required=False, default="year", help_text=KINDS_HELP)
    until = serializers.DateField(required=False, help_text="截止日期，须在该年度内")


class FiguresQuery(PeriodQuery):
    by = serializers.ChoiceField(
        choices=[*selectors.BREAKDOWNS, "none"], required=False, default="city",
        help_text="分组方式；none 只给合计",
    )  # fmt: skip
    limit = serializers.IntegerField(
        required=False, default=10, min_value=1, max_value=100, help_text="by=agency 时的行数"
    )


class TopQuery(PeriodQuery):
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=100)


class TrendQuery(RegionQuery):
    year = serializers.IntegerField(min_value=1985, max_value=2100)
    metric = serializers.ChoiceField(choices=["applications", "grants"], default="applications")


class HoldingsQuery(RegionQuery):
    at = serializers.DateField(help_text="统计时点（含当日）")
    by = serializers.ChoiceField(choices=["city", "county", "none"], default="city")


# --- answers (schema) -------------------------------------------------------------------


class RegionRef(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PeriodOut(serializers.Serializer):
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    base_start = serializers.DateField()
    base_end = serializers.DateField()


def figures_out(
    metrics: type[serializers.Serializer], *, row_name: str, out_name: str
) -> type[serializers.Serializer]:
    """The answer of a figures selector: region, period, the total and one row per region
    (the metrics with the region's code and name); the names are the OpenAPI schema's."""
    row = type(
        row_name, (metrics,), {"code": serializers.CharField(), "name": serializers.CharField()}
    )
    fields = {
        "region": RegionRef(),
        "period": PeriodOut(),
        "total": metrics(),
        "rows": row(many=True),
    }
    return type(out_name, (serializers.Serializer,), fields)


def _nullable_float() -> serializers.FloatField:
    return serializers.FloatField(allow_null=True)


class Metrics(serializers.Serializer):
    applications = serializers.IntegerField()
    invention_applications = serializers.IntegerField()
    utility_applications = serializers.IntegerField()
    design_applications = serializers.IntegerField()
    grants = serializers.IntegerField()
    invention_grants = serializers.IntegerField()
    utility_grants = serializers.IntegerField()
    design_grants = serializers.IntegerField()
    pct_applications = serializers.IntegerField()
    agency_filed = serializers.IntegerField()
    agency_share_pct = _nullable_float()
    agency_filed_base = serializers.IntegerField()
    agency_filed_growth_pct = _nullable_float()
    applications_base = serializers.IntegerField()
    applications_growth_pct = _nullable_float()
    grants_base = serializers.IntegerField()
    grants_growth_pct = _nullable_float()
    target_applications = serializers.FloatField(allow_null=True)
    completion_pct = _nullable_float()
    projected_applications = serializers.IntegerField(allow_null=True)
    on_track = serializers.BooleanField(allow_null=True)
    high_value_inventions = serializers.IntegerField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)


FiguresOut = figures_out(Metrics, row_name="FiguresRow", out_name="FiguresOut")


class TrendOut(serializers.Serializer):
    months = serializers.ListField(child=serializers.IntegerField())
    this_year = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    last_year = serializers.ListField(child=serializers.IntegerField(allow_null=True))


class TypeMixRow(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    applications = serializers.IntegerField()
    applications_share_pct = _nullable_float()
    grants = serializers.IntegerField()
    grants_share_pct = _nullable_float()


class TypeMixOut(serializers.Serializer):
    region = RegionRef()
    period = PeriodOut()
    rows = TypeMixRow(many=True)


class ApplicantRow(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_name = serializers.CharField()
    applications = serializers.IntegerField()
    invention_applications = serializers.IntegerField()
    grants = serializers.IntegerField()
    rank = serializers.IntegerField()


class AgencyRow(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    applications = serializers.IntegerField()
    invention_applications = serializers.IntegerField()
    share_pct = _nullable_float()
    rank = serializers.IntegerField()


class TopApplicantsOut(serializers.Serializer):
    region = RegionRef()
    period = PeriodOut()
    rows = ApplicantRow(many=True)


class TopAgenciesOut(serializers.Serializer):
    region = RegionRef()
    period = PeriodOut()
    rows = AgencyRow(many=True)


class HoldingsFigures(serializers.Serializer):
    valid_inventions = serializers.IntegerField()
    population = serializers.IntegerField(allow_null=True)
    valid_inventions_per_10k = _nullable_float()
    maintained_over_10_years = serializers.IntegerField()
    high_value_inventions = serializers.IntegerField(allow_null=True)


class HoldingsRow(HoldingsFigures):
    code = serializers.CharField()
    name = serializers.CharField()


class HoldingsOut(serializers.Serializer):
    region = RegionRef()
    at = serializers.DateField()
    total = HoldingsFigures()
    rows = HoldingsRow(many=True)
    high_value_not_counted = serializers.ListField(child=serializers.CharField())


# --- views ------------------------------------------------------------------------------


def validated_query(
    serializer_class: type[serializers.Serializer], request: Request
) -> dict[str, Any]:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def scoped_answer(
    selector: Callable[..., dict[str, Any]], request: Request, **kwargs: Any
) -> Response:
    """Call a selector with the caller's scope; its domain errors as HTTP answers with the
    Chinese message (DRF would replace a PermissionDenied's message with its own)."""
    try:
        return Response(selector(scope=scope_for(request.user), **kwargs))
    except RegionOutOfScope as exc:
        raise exceptions.PermissionDenied(str(exc)) from exc
    except RegionNotFound as exc:
        raise exceptions.NotFound(str(exc)) from exc
    except StatsError as exc:
        raise exceptions.ValidationError({"detail": str(exc)}) from exc


def query_period(query: dict[str, Any]):
    try:
        return period_for(query["year"], query.get("period") or "year", query.get("until"))
    except StatsError as exc:
        raise exceptions.ValidationError({"detail": str(exc)}) from exc


class FiguresView(APIView):
    """Applications, grants, growth, targets and completion of a region and period."""

    @extend_schema(parameters=[FiguresQuery], responses=FiguresOut)
    def get(self, request: Request) -> Response:
        q = validated_query(FiguresQuery, request)
        by = None if q["by"] == "none" else q["by"]
        return scoped_answer(
            selectors.figures, request, region_code=q.get("region"), period=query_period(q), by=by,
            limit=q["limit"],
        )  # fmt: skip


class TrendView(APIView):
    """Applications (or grants) per month of a year and of the year before."""

    @extend_schema(parameters=[TrendQuery], responses=TrendOut)
    def get(self, request: Request) -> Response:
        q = validated_query(TrendQuery, request)
        return scoped_answer(
            selectors.monthly_trend, request, region_code=q.get("region"), year=q["year"],
            metric=q["metric"],
        )  # fmt: skip


class TypeMixView(APIView):
    """Applications and grants of a period by patent type."""

    @extend_schema(parameters=[PeriodQuery], responses=TypeMixOut)
    def get(self, request: Request) -> Response:
        q = validated_query(PeriodQuery, request)
        return scoped_answer(
            selectors.type_mix, request, region_code=q.get("region"), period=query_period(q)
        )


class TopApplicantsView(APIView):
    """Applicants (first applicant) with most applications in a period."""

    @extend_schema(parameters=[TopQuery], responses=TopApplicantsOut)
    def get(self, request: Request) -> Response:
        q = validated_query(TopQuery, request)
        return scoped_answer(
            selectors.top_applicants, request, region_code=q.get("region"), period=query_period(q),
            limit=q["limit"],
        )  # fmt: skip


class TopAgenciesView(APIView):
    """Agencies with most applications filed through them in a period."""

    @extend_schema(parameters=[TopQuery], responses=TopAgenciesOut)
    def get(self, request: Request) -> Response:
        q = validated_query(TopQuery, request)
        return scoped_answer(
            selectors.top_agencies, request, region_code=q.get("region"), period=query_period(q),
            limit=q["limit"],
        )  # fmt: skip


class ValidInventionsView(APIView):
    """Valid invention patents held at a date, per 10,000 people."""

    @extend_schema(parameters=[HoldingsQuery], responses=HoldingsOut)
    def get(self, request: Request) -> Response:
        q = validated_query(HoldingsQuery, request)
        by = None if q["by"] == "none" else q["by"]
        return scoped_answer(
            selectors.valid_inventions, request, region_code=q.get("region"), at=q["at"], by=by
        )
