"""REST endpoints: case figures (the stats envelope) and a read-only case list, both in the
caller's region scope."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ipbureau.accounts.selectors import scope_for
from ipbureau.cases import selectors
from ipbureau.cases.figures import BREAKDOWNS, case_figures
from ipbureau.cases.models import Case, CaseKind, CaseState
from ipbureau.stats.errors import RegionNotFound, RegionOutOfScope, StatsError
from ipbureau.stats.periods import KINDS_HELP, period_for


class CaseFiguresQuery(serializers.Serializer):
    year = serializers.IntegerField(min_value=1985, max_value=2100, help_text="统计年度")
    period = serializers.CharField(required=False, default="year", help_text=KINDS_HELP)
    until = serializers.DateField(required=False, help_text="截止日期，须在该年度内")
    region = serializers.CharField(
        required=False, help_text="六位地区代码；默认本省（市县用户默认本地区）"
    )
    by = serializers.ChoiceField(choices=[*BREAKDOWNS, "none"], required=False, default="city")


class _RegionRef(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class _PeriodOut(serializers.Serializer):
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    base_start = serializers.DateField()
    base_end = serializers.DateField()


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


class CaseMetricsRow(CaseMetrics):
    code = serializers.CharField()
    name = serializers.CharField()


class CaseFiguresOut(serializers.Serializer):
    region = _RegionRef()
    period = _PeriodOut()
    total = CaseMetrics()
    rows = CaseMetricsRow(many=True)


class CaseFiguresView(APIView):
    """Enforcement case figures of a region and period (cases counted when received)."""

    @extend_schema(parameters=[CaseFiguresQuery], responses=CaseFiguresOut)
    def get(self, request: Request) -> Response:
        query = CaseFiguresQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        q: dict[str, Any] = query.validated_data
        try:
            period = period_for(q["year"], q.get("period") or "year", q.get("until"))
            return Response(case_figures(
                scope=scope_for(request.user), region_code=q.get("region"), period=period,
                by=None if q["by"] == "none" else q["by"],
            ))  # fmt: skip
        except RegionOutOfScope as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc
        except RegionNotFound as exc:
            raise exceptions.NotFound(str(exc)) from exc
        except StatsError as exc:
            raise exceptions.ValidationError({"detail": str(exc)}) from exc


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
