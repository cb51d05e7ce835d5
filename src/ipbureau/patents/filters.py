"""The patent list's filters, defined once for the staff page, its Excel export, the REST API
(and its OpenAPI schema) and the selector. They narrow a queryset the selector has already
limited to the user's region scope; none of them can widen it."""

import datetime

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ipbureau.accounts.selectors import NOTHING, Scope, scope_for
from ipbureau.orgs.models import OrgKind
from ipbureau.patents.forms import region_choices
from ipbureau.patents.models import Patent, PatentType, Placement
from ipbureau.regions.models import code_prefix
from ipbureau.regions.selectors import regions_in_scope

ALL = [("", _("全部"))]
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
StrOrPromise = str | Promise


class RegionField(forms.CharField):
    """A six-digit GB/T 2260 code inside the user's scope. The page offers the regions of
    the scope in a select; unrestricted users may also type any other code (another
    province), as the picker holds only the deployment province."""

    widget = forms.Select

    def __init__(self, *, scope: Scope = NOTHING, choices=(), **kwargs):
        super().__init__(**kwargs)
        self.scope = scope
        self.widget.choices = list(choices)

    def validate(self, value: str) -> None:
        super().validate(value)
        if not value:
            return
        if len(value) != 6 or not value.isdigit():
            raise forms.ValidationError(
                _("地区代码应为六位行政区划代码，例如 620100"), code="invalid"
            )
        if not self.scope.contains(value):
            raise forms.ValidationError(
                _("地区 %(code)s 不在您可以查看的范围内"),
                code="out_of_scope",
                params={"code": value},
            )


class RegionFilter(django_filters.CharFilter):
    field_class = RegionField


class YesNoSelect(forms.Select):
    def format_value(self, value):
        if value is True:
            value = "yes"
        elif value is False:
            value = "no"
        return super().format_value(value)


class YesNoField(forms.NullBooleanField):
    """yes/no in links and on the page (true/false also accepted from API callers);
    the selector's callers may pass True/False directly."""

    VALUES = {"yes": True, "true": True, True: True, "no": False, "false": False, False: False}

    def __init__(self, *, choices=(), **kwargs):
        kwargs.setdefault("widget", YesNoSelect(choices=[*ALL, *choices]))
        super().__init__(**kwargs)

    def to_python(self, value: object) -> bool | None:
        if value in (None, ""):
            return None
        try:
            return self.VALUES[value.lower() if isinstance(value, str) else value]
        except KeyError:
            raise forms.ValidationError(_("应为 yes 或 no"), code="invalid") from None

    def validate(self, value: object) -> None:
        pass  # None (no filter) is as valid as True or False


class YesNoFilter(django_filters.ChoiceFilter):
    field_class = YesNoField


class IntegerFilter(django_filters.Filter):
    field_class = forms.IntegerField


class YearField(forms.IntegerField):
    default_error_messages = {
        "invalid": _("年份应为四位数字，例如 2017"),
        "min_value": _("年份不应早于 %(limit_value)s 年"),
        "max_value": _("年份不应晚于 %(limit_value)s 年"),
    }


class YearFilter(IntegerFilter):
    field_class = YearField


def _date(label: StrOrPromise, field_name: str, lookup_expr: str, help_text: StrOrPromise):
    return django_filters.DateFilter(
        label=label,
        field_name=field_name,
        lookup_expr=lookup_expr,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("日期格式应为 YYYY-MM-DD，例如 2017-01-31")},
        help_text=help_text,
    )


ID_ERRORS = {"invalid": _("应为整数"), "min_value": _("应为正整数")}


class PatentFilter(django_filters.FilterSet):
    """The filters of the patent list. The date ranges, type, PCT, agency_filed,
    applicant_kind (of the first applicant; none counts as unknown), first_applicant_id and
    agency_id are the attributes statistics count by, so a list opened from a dashboard
    figure has exactly that figure's count."""

    # Filters that need more than field_name and lookup_expr use a method; the method's type
    # hint for the value is also what the OpenAPI schema shows for the parameter.
    region = RegionFilter(
        label=_("地区"),
        method="filter_region",
        help_text=_("行政区划代码（六位），含下级地区 / GB/T 2260 region code, with sub-regions"),
    )
    patent_type = django_filters.ChoiceFilter(
        label=_("类型"),
        choices=PatentType.choices,
        empty_label=_("全部类型"),
        help_text=_("专利类型 / patent type"),
    )
    filing_year = YearFilter(
        label=_("申请年"),
        field_name="filing_date",
        method="filter_year",
        min_value=1985,
        max_value=2100,
        help_text=_("申请年（1985–2100） / filing year"),
    )
    grant_year = YearFilter(
        label=_("授权年"),
        field_name="grant_date",
        method="filter_year",
        min_value=1985,
        max_value=2100,
        help_text=_("授权公告年（1985–2100） / grant year"),
    )
    granted = YesNoFilter(
        label=_("授权情况"),
        method="filter_granted",
        choices=[("yes", _("已授权")), ("no", _("未授权"))],
        help_text=_("是否已授权（yes/no） / granted or not"),
    )
    legal_status = django_filters.CharFilter(
        label=_("法律状态"),
        lookup_expr="contains",
        max_length=64,
        help_text=_("法律状态包含 / legal status contains"),
    )
    applicant = django_filters.CharFilter(
        label=_("申请人"),
        field_name="applicants__name",
        lookup_expr="contains",
        distinct=True,
        max_length=100,
        help_text=_("任一申请人名称包含 / any applicant's name contains"),
    )
    agency = django_filters.CharFilter(
        label=_("代理机构"),
        field_name="agency__name",
        lookup_expr="contains",
        max_length=100,
        help_text=_("代理机构名称包含 / patent agency's name contains"),
    )
    placement = django_filters.ChoiceFilter(
        label=_("地区判定"),
        choices=Placement.choices,
        empty_label=_("全部"),
        help_text=_("地区判定结果 / how the region was attributed"),
    )
    text = django_filters.CharFilter(
        label=_("名称或号码"),
        method="filter_text",
        max_length=100,
        help_text=_("名称、申请号或公开号包含 / title, application or publication number contains"),
    )
    filed_from = _date(_("申请日起"), "filing_date", "gte", _("申请日不早于 / filed on or after"))
    filed_to = _date(_("申请日止"), "filing_date", "lte", _("申请日不晚于 / filed on or before"))
    granted_from = _date(
        _("授权公告日起"), "grant_date", "gte", _("授权公告日不早于 / granted on or after")
    )
    granted_to = _date(
        _("授权公告日止"), "grant_date", "lte", _("授权公告日不晚于 / granted on or before")
    )
    agency_filed = YesNoFilter(
        label=_("代理情况"),
        method="filter_agency_filed",
        choices=[("yes", _("代理申请")), ("no", _("自行申请"))],
        help_text=_("是否经代理机构申请（yes/no） / filed through an agency"),
    )
    is_pct = YesNoFilter(
        label=_("PCT"),
        method="filter_is_pct",
        choices=[("yes", _("PCT国家阶段")), ("no", _("非PCT"))],
        help_text=_("是否PCT国家阶段（yes/no） / PCT national phase"),
    )
    applicant_kind = django_filters.ChoiceFilter(
        label=_("第一申请人类型"),
        method="filter_applicant_kind",
        choices=OrgKind.choices,
        empty_label=_("全部"),
        help_text=_("第一申请人类型（无申请人计为未知） / first applicant's kind"),
    )
    first_applicant_id = IntegerFilter(
        label=_("第一申请人编号"),
        method="filter_id",
        min_value=1,
        widget=forms.HiddenInput,
        error_messages=ID_ERRORS,
        help_text=_("第一申请人编号 / first applicant's id"),
    )
    agency_id = IntegerFilter(
        label=_("代理机构编号"),
        method="filter_id",
        min_value=1,
        widget=forms.HiddenInput,
        error_messages=ID_ERRORS,
        help_text=_("代理机构编号 / patent agency's id"),
    )

    class Meta:
        model = Patent
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, user=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        if user is None and request is not None:
            user = request.user
        scope = scope_for(user) if user is not None else NOTHING
        region = self.filters["region"]
        region.extra["scope"] = scope
        region.extra["choices"] = region_choices(regions_in_scope(scope))

    def filter_region(self, qs: QuerySet[Patent], name: str, value: str) -> QuerySet[Patent]:
        # Within the scope (RegionField refused anything outside it), so only narrows.
        return qs.filter(Scope(prefix=code_prefix(value)).region_q(name))

    def filter_year(self, qs: QuerySet[Patent], name: str, value: int) -> QuerySet[Patent]:
        # A range rather than __year so the date column's index is used.
        return qs.filter(
            **{
                f"{name}__gte": datetime.date(value, 1, 1),
                f"{name}__lte": datetime.date(value, 12, 31),
            }
        )

    def filter_id(self, qs: QuerySet[Patent], name: str, value: int) -> QuerySet[Patent]:
        return qs.filter(**{name: value})

    # yes/no in the query string; the value arrives as a bool.
    def filter_granted(self, qs: QuerySet[Patent], name: str, value: bool | None):
        return qs if value is None else qs.filter(grant_date__isnull=not value)

    def filter_agency_filed(self, qs: QuerySet[Patent], name: str, value: bool | None):
        return qs if value is None else qs.filter(agency__isnull=not value)

    def filter_is_pct(self, qs: QuerySet[Patent], name: str, value: bool | None):
        return qs if value is None else qs.filter(is_pct=value)

    def filter_applicant_kind(self, qs: QuerySet[Patent], name: str, value: str):
        if not value:
            return qs
        if value == OrgKind.UNKNOWN:
            return qs.filter(Q(first_applicant__isnull=True) | Q(first_applicant__kind=value))
        return qs.filter(first_applicant__kind=value)

    def filter_text(self, qs: QuerySet[Patent], name: str, value: str):
        if not value:
            return qs
        return qs.filter(
            Q(title__contains=value)
            | Q(application_number__contains=value)
            | Q(publication_number__contains=value)
        )
