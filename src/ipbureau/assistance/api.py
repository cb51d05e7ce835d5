"""`/api/v1/stats/assistance/`: the assistance figures of a region and period, with the
caller's region scope (the same selector as the command)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ipbureau.assistance.figures import METRICS, assistance_figures
from ipbureau.figures.envelope import (
    PeriodQuery,
    figures_out,
    query_period,
    scoped_answer,
    validated_query,
)

_FLOATS = {"closed_share_pct", "satisfaction_avg"}


def _field(name: str) -> serializers.Field:
    if name in _FLOATS or "hours" in name:
        return serializers.FloatField(allow_null=True)
    return serializers.IntegerField()


AssistanceMetrics = type(
    "AssistanceMetrics", (serializers.Serializer,), {name: _field(name) for name in METRICS}
)


class AssistanceQuery(PeriodQuery):
    by = serializers.ChoiceField(
        choices=["city", "none"], required=False, default="city", help_text="none 只给合计"
    )


AssistanceOut = figures_out(AssistanceMetrics, row_name="AssistanceRow", out_name="AssistanceOut")


class AssistanceFiguresView(APIView):
    """12330 requests received in a period: by channel and kind, answered, referred to
    cases, hours to first response and to closure, satisfaction."""

    @extend_schema(parameters=[AssistanceQuery], responses=AssistanceOut)
    def get(self, request: Request) -> Response:
        q = validated_query(AssistanceQuery, request)
        return scoped_answer(
            assistance_figures, request, region_code=q.get("region"), period=query_period(q),
            by=None if q["by"] == "none" else q["by"],
        )  # fmt: skip
