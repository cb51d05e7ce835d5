"""The figures envelope over the REST API: every figures endpoint answers `region`,
`period`, `total` and `rows`, takes the same region and period query parameters, and ends
in the same 400/403/404 answers. The serializers describe the answers for the OpenAPI
schema; the numbers come from the domains' selectors only."""

from collections.abc import Callable
from typing import Any

from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from ipbureau.accounts.selectors import scope_for
from ipbureau.figures.errors import RegionNotFound, RegionOutOfScope, StatsError
from ipbureau.figures.periods import KINDS_HELP, Period, period_for

# --- query parameters -------------------------------------------------------------------


class RegionQuery(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text="六位地区代码；默认本省（市县用户默认本地区）"
    )


class PeriodQuery(RegionQuery):
    year = serializers.IntegerField(min_value=1985, max_value=2100, help_text="统计年度")
    period = serializers.CharField(required=False, default="year", help_text=KINDS_HELP)
    until = serializers.DateField(required=False, help_text="截止日期，须在该年度内")


# --- answers (schema) -------------------------------------------------------------------


class RegionRef(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PeriodOut(serializers.Serializer):
    # The answer's field "label"; the stubs know Field.label (the form label) as a string.
    label = serializers.CharField()  # type: ignore[assignment]
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


# --- answering --------------------------------------------------------------------------


def validated_query(
    serializer_class: type[serializers.Serializer], request: Request
) -> dict[str, Any]:
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def query_period(query: dict[str, Any]) -> Period:
    try:
        return period_for(query["year"], query.get("period") or "year", query.get("until"))
    except StatsError as exc:
        raise exceptions.ValidationError({"detail": str(exc)}) from exc


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
