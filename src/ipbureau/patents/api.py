from rest_framework import serializers, viewsets

from ipbureau.patents import selectors
from ipbureau.patents.models import Patent


class PatentSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", default=None, read_only=True)
    first_applicant = serializers.CharField(source="first_applicant.name", default=None,
                                            read_only=True)
    agency = serializers.CharField(source="agency.name", default=None, read_only=True)

    class Meta:
        model = Patent
        fields = [
            "id", "application_number", "patent_type", "is_pct", "filing_date",
            "publication_number", "publication_date", "grant_number", "grant_date", "title",
            "ipc_main", "first_applicant", "address", "postcode", "region", "region_name",
            "placement", "agency", "legal_status",
        ]


class PatentViewSet(viewsets.ReadOnlyModelViewSet):
    """Patents in the caller's region scope. Filters as on the staff list page."""

    serializer_class = PatentSerializer
    FILTERS = ("region", "patent_type", "filing_year", "grant_year", "applicant", "agency",
               "placement", "legal_status")

    def get_queryset(self):
        params = self.request.query_params
        kwargs = {k: params[k] for k in self.FILTERS if params.get(k)}
        for k in ("filing_year", "grant_year"):
            if k in kwargs:
                try:
                    kwargs[k] = int(kwargs[k])
                except ValueError as exc:
                    raise serializers.ValidationError({k: "年份应为四位数字，例如 2017"}) from exc
        return selectors.patent_list(self.request.user, **kwargs)
