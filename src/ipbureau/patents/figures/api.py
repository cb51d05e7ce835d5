"""REST endpoints for the patent statistics: the selectors' envelopes as they are, with the
region scope of the caller. The serializers below validate query parameters and describe
the answers for the OpenAPI schema; the numbers come from the selectors only. What every
figures endpoint shares is in `ipbureau.figures.envelope`."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ipbureau.figures.envelope import (
    PeriodOut,
    PeriodQuery,
    RegionQuery,
    RegionRef,
    figures_out,
    query_period,
    scoped_answer,
    validated_query,
)
from ipbureau.patents import figures as selectors

# --- query parameters -------------------------------------------------------------------


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
