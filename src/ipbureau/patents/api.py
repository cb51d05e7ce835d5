from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets

from ipbureau.patents import selectors
from ipbureau.patents.filters import PatentFilter
from ipbureau.patents.models import Patent


class PatentSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", default=None, read_only=True)
    first_applicant = serializers.CharField(
        source="first_applicant.name", default=None, read_only=True
    )
    agency = serializers.CharField(source="agency.name", default=None, read_only=True)

    class Meta:
        model = Patent
        fields = [
            "id",
            "application_number",
            "patent_type",
            "is_pct",
            "filing_date",
            "publication_number",
            "publication_date",
            "grant_number",
            "grant_date",
            "title",
            "ipc_main",
            "first_applicant",
            "address",
            "postcode",
            "region",
            "region_name",
            "placement",
            "agency",
            "legal_status",
        ]


class PatentFilterBackend(DjangoFilterBackend):
    """The patent list's filters; a bad value is a 400 naming the field with a Chinese
    message as a string ({"filing_year": "年份应为四位数字，例如 2017"}), as the API has
    always answered."""

    def filter_queryset(self, request, queryset, view):
        bound = self.get_filterset(request, queryset, view)
        if bound is None:
            return queryset
        if not bound.is_valid():
            raise serializers.ValidationError(
                {name: " ".join(errors) for name, errors in bound.errors.items()}
            )
        return bound.qs


class PatentViewSet(viewsets.ReadOnlyModelViewSet):
    """Patents in the caller's region scope, with the filters of the staff list page."""

    serializer_class = PatentSerializer
    filter_backends = [PatentFilterBackend]
    filterset_class = PatentFilter

    def get_queryset(self):
        # Scope first; PatentFilterBackend then only narrows it.
        return selectors.patents_listed(self.request.user)
