"""Forms of the case pages: input validation only; the rules live in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipbureau.cases.models import CaseKind, CaseSource, CaseState, Closure, Outcome, Party
from ipbureau.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"})


class CaseFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + CaseState.choices
    )
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部"))] + CaseKind.choices
    )
    region = forms.ModelChoiceField(
        label=_("地区"), required=False, queryset=Region.objects.none(), empty_label=_("全部")
    )
    due = forms.ChoiceField(label=_("期限"), required=False, choices=[
        ("", _("全部")), ("soon", _("即将到期")), ("overdue", _("已超期")),
    ])  # fmt: skip
    mine = forms.BooleanField(label=_("只看我承办的"), required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions

    def selector_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "state": data["state"], "kind": data["kind"], "due": data["due"],
            "region": data["region"].code if data["region"] else "", "mine": data["mine"],
        }  # fmt: skip


class CaseReceiveForm(forms.Form):
    kind = forms.ChoiceField(label=_("案件类型"), choices=CaseKind.choices)
    source = forms.ChoiceField(label=_("案件来源"), choices=CaseSource.choices)
    region = forms.ModelChoiceField(label=_("承办地区"), queryset=Region.objects.none())
    received_on = forms.DateField(label=_("受理日期"), widget=DATE, initial=timezone.localdate)
    summary = forms.CharField(
        label=_("案情摘要"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    requester_name = forms.CharField(label=_("请求人/举报人"), max_length=200, required=False)
    requester_contact = forms.CharField(label=_("联系方式"), max_length=200, required=False)
    respondent_name = forms.CharField(label=_("被请求人"), max_length=200, required=False)
    patent_numbers = forms.CharField(
        label=_("涉案专利号"),
        max_length=1000,
        required=False,
        help_text=_("多个用分号或换行分隔"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["patent_numbers"] = [
            n.strip() for n in data["patent_numbers"].replace("；", ";").replace("\n", ";")
            .split(";") if n.strip()
        ]  # fmt: skip
        return data


class DateNoteForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE, initial=timezone.localdate)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class RejectForm(DateNoteForm):
    reason = forms.CharField(
        label=_("不予受理理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(DateNoteForm):
    closure = forms.ChoiceField(label=_("结案方式"), choices=[
        (Closure.DECISION, Closure.DECISION.label), (Closure.MEDIATION, Closure.MEDIATION.label),
        (Closure.WITHDRAWAL, Closure.WITHDRAWAL.label),
    ])  # fmt: skip
    outcome = forms.ChoiceField(
        label=_("处理结果"),
        required=False,
        choices=[("", _("（处理决定结案时必选）"))] + Outcome.choices,
    )
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class TransferForm(DateNoteForm):
    transferred_to = forms.CharField(label=_("移交单位"), max_length=200)


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("延长至"), widget=DATE)
    reason = forms.CharField(label=_("延长理由"), max_length=500)
    approved_by = forms.CharField(label=_("批准人"), max_length=100)


class OfficersForm(forms.Form):
    officers = forms.ModelMultipleChoiceField(
        label=_("承办人员"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("类别"), choices=Party.Role.choices)
    kind = forms.ChoiceField(label=_("主体"), choices=Party.Kind.choices)
    name = forms.CharField(label=_("名称或姓名"), max_length=200)
    contact = forms.CharField(label=_("联系方式"), max_length=200, required=False)
    agent = forms.CharField(label=_("代理人"), max_length=200, required=False)


class PatentForm(forms.Form):
    number = forms.CharField(label=_("专利号"), max_length=40)


class PenaltyForm(forms.Form):
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE, initial=timezone.localdate)
    fine = forms.DecimalField(label=_("罚款（元）"), max_digits=14, decimal_places=2, min_value=0)
    illegal_gains = forms.DecimalField(
        label=_("违法所得（元）"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    confiscation = forms.CharField(label=_("没收"), max_length=500, required=False)


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("材料名称"), max_length=200, required=False)
    file = forms.FileField(label=_("文件"))


class FiguresForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=1985, max_value=2100, initial=lambda: timezone.localdate().year
    )
    period = forms.CharField(
        label=_("期间"),
        initial="year",
        max_length=12,
        required=False,
        help_text=_("year、H1、Q1—Q4、M01—M12、YTD"),
    )
    region = forms.ModelChoiceField(
        label=_("地区"), required=False, queryset=Region.objects.none(), empty_label=_("默认")
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions.exclude(level=Region.Level.COUNTY)
