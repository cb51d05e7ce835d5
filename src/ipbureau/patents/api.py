import datetime

from rest_framework import serializers, viewsets

from ipbureau.patents import selectors
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


class PatentViewSet(viewsets.ReadOnlyModelViewSet):
    """Patents in the caller's region scope. Filters as on the staff list page."""

    serializer_class = PatentSerializer
    FILTERS = (
        "region",
        "patent_type",
        "filing_year",
        "grant_year",
        "applicant",
        "agency",
        "placement",
        "legal_status",
        "applicant_kind",
    )
    INTEGERS = ("filing_year", "grant_year", "first_applicant_id", "agency_id")
    DATES = ("filed_from", "filed_to", "granted_from", "granted_to")
    BOOLEANS = ("agency_filed", "is_pct")

    def get_queryset(self):
        params = self.request.query_params
        kwargs = {k: params[k] for k in self.FILTERS if params.get(k)}
        for k in self.INTEGERS:
            if params.get(k):
                try:
                    kwargs[k] = int(params[k])
                except ValueError as exc:
                    message = "年份应为四位数字，例如 2017" if k.endswith("year") else "应为整数"
                    raise serializers.ValidationError({k: message}) from exc
        for k in self.DATES:
            if params.get(k):
                try:
                    kwargs[k] = datetime.date.fromisoformat(params[k])
                except ValueError as exc:
                    raise serializers.ValidationError({k: "日期格式应为 YYYY-MM-DD"}) from exc
        for k in self.BOOLEANS:
            if params.get(k):
                if params[k] not in ("yes", "no", "true", "false"):
                    raise serializers.ValidationError({k: "应为 yes 或 no"})
                kwargs[k] = params[k] in ("yes", "true")
        return selectors.patent_list(self.request.user, **kwargs)
