"""REST endpoints: case figures (the stats envelope) and a read-only case list, both in the
caller's region scope."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ipbureau.cases import selectors
from ipbureau.cases.figures import BREAKDOWNS, case_figures
from ipbureau.cases.models import Case, CaseKind, CaseState
from ipbureau.figures.envelope import (
    PeriodQuery,
    figures_out,
    query_period,
    scoped_answer,
    validated_query,
)


class CaseFiguresQuery(PeriodQuery):
    by = serializers.ChoiceField(choices=[*BREAKDOWNS, "none"], required=False, default="city")


class CaseMetrics(serializers.Serializer):
    received = serializers.IntegerField()
    accepted = serializers.IntegerField()
    not_accepted = serializers.IntegerField()
    closed = serializers.IntegerField(
        help_text="除移交外的全部结案（含处理决定、调解、撤回、不予受理）"
    )
    transferred = serializers.IntegerField()
    withdrawn = serializers.IntegerField()
    pending = serializers.IntegerField()
    overdue = serializers.IntegerField()
    avg_days_to_close = serializers.FloatField(allow_null=True)
    closure_rate_pct = serializers.FloatField(allow_null=True, help_text="(结案+移交)/受理")
    closed_share_pct = serializers.FloatField(allow_null=True, help_text="结案/受理")


CaseFiguresOut = figures_out(CaseMetrics, row_name="CaseMetricsRow", out_name="CaseFiguresOut")


class CaseFiguresView(APIView):
    """Enforcement case figures of a region and period (cases counted when received)."""

    @extend_schema(parameters=[CaseFiguresQuery], responses=CaseFiguresOut)
    def get(self, request: Request) -> Response:
        q = validated_query(CaseFiguresQuery, request)
        return scoped_answer(
            case_figures, request, region_code=q.get("region"), period=query_period(q),
            by=None if q["by"] == "none" else q["by"],
        )  # fmt: skip


class CaseSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    due_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "id", "number", "kind", "source", "source_reference", "region", "region_name",
            "state", "received_on", "accepted_on", "closed_on", "closure", "transferred_to",
            "outcome", "acceptance_due", "close_due", "extended_due", "due_on",
        ]  # fmt: skip


class CaseListQuery(serializers.Serializer):
    state = serializers.ChoiceField(choices=CaseState.choices, required=False)
    kind = serializers.ChoiceField(choices=CaseKind.choices, required=False)
    region = serializers.CharField(required=False)
    due = serializers.ChoiceField(choices=["soon", "overdue"], required=False)


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Cases in the caller's region scope (read only: changes go through the pages)."""

    serializer_class = CaseSerializer
    filter_backends: list = []

    def get_queryset(self):
        if self.action == "list":
            query = CaseListQuery(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            return selectors.case_list(self.request.user, **query.validated_data)
        return selectors.with_due(selectors.visible_cases(self.request.user)).select_related(
            "region"
        )

    @extend_schema(parameters=[CaseListQuery])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)
