"""Targets and population over REST: the same scope (selectors) and the same rules
(services) as the staff pages."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from ipbureau.targets import selectors
from ipbureau.targets.models import Metric, Population, Target
from ipbureau.targets.services import TargetError, TargetPermissionError, target_set
from ipbureau.targets.values import YEAR_MAX, YEAR_MIN


class TargetSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True, help_text="六位行政区划代码")
    region_name = serializers.CharField(source="region.name", read_only=True)
    metric_label = serializers.CharField(source="get_metric_display", read_only=True)

    class Meta:
        model = Target
        fields = [
            "id",
            "year",
            "region",
            "region_name",
            "metric",
            "metric_label",
            "value",
            "updated_at",
        ]
        read_only_fields = fields


class TargetWriteSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    region = serializers.CharField(min_length=6, max_length=6, help_text="六位行政区划代码")
    metric = serializers.ChoiceField(choices=Metric.choices)
    value = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text="件数为整数；每万人发明专利拥有量最多两位小数",
    )


class TargetQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)
    region = serializers.CharField(required=False, max_length=6, help_text="六位行政区划代码")
    metric = serializers.ChoiceField(required=False, choices=Metric.choices)


class PopulationSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", read_only=True, help_text="六位行政区划代码")
    region_name = serializers.CharField(source="region.name", read_only=True)
    population = serializers.IntegerField(read_only=True, help_text="人口，单位：人")

    class Meta:
        model = Population
        fields = ["id", "year", "region", "region_name", "population", "updated_at"]
        read_only_fields = fields


class PopulationQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)
    region = serializers.CharField(required=False, max_length=6, help_text="六位行政区划代码")


def _query(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


class TargetListCreate(generics.ListCreateAPIView):
    """Targets of the regions in the caller's scope; POST sets one."""

    serializer_class = TargetSerializer
    filter_backends: list = []  # filtering is the selector's, through the query serializer

    def get_queryset(self) -> QuerySet[Target]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no caller
            return Target.objects.none()
        return selectors.targets_visible_to(
            self.request.user, **_query(TargetQuerySerializer, self.request)
        )

    @extend_schema(
        parameters=[TargetQuerySerializer],
        description="Targets of the regions in the caller's scope, by year, region, metric.",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=TargetWriteSerializer,
        responses={200: TargetSerializer},
        description=(
            "Set one target: create it or change its value (the same value again changes "
            "nothing). Province staff may set any region of the province, city staff the "
            "counties of their city; otherwise 403 with the reason. Audited."
        ),
    )
    def post(self, request: Request, *args, **kwargs) -> Response:
        data = TargetWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            target = target_set(**data.validated_data, user=request.user)
        except TargetPermissionError as exc:
            raise PermissionDenied(str(exc)) from None
        except TargetError as exc:
            raise ValidationError({exc.field or "non_field_errors": [str(exc)]}) from None
        return Response(TargetSerializer(target).data)


class PopulationList(generics.ListAPIView):
    """Population (persons) of the regions in the caller's scope, per year."""

    serializer_class = PopulationSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Population]:
        if getattr(self, "swagger_fake_view", False):
            return Population.objects.none()
        return selectors.population_visible_to(
            self.request.user, **_query(PopulationQuerySerializer, self.request)
        )

    @extend_schema(parameters=[PopulationQuerySerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)
