import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from ipbureau.accounts.models import User
from ipbureau.assistance.attachments import AttachmentError, attachment_check
from ipbureau.assistance.models import IPC_SECTIONS, Channel, Expert, Kind, State
from ipbureau.cases.models import CaseKind
from ipbureau.patents.figures.figures import IPC_SECTION_NAMES
from ipbureau.patents.forms import region_choices
from ipbureau.patents.numbers import AppNumberError, parse_application_number
from ipbureau.regions.models import Region

# Mobile 1xxxxxxxxxx, landline with area code (0931-8888888), optionally an extension.
_PHONE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")


def validate_contact(value: str) -> str:
    text = re.sub(r"[\s()（）]", "", value)
    if _PHONE.match(text):
        return text
    try:
        validate_email(value.strip())
    except ValidationError:
        raise ValidationError(
            _("请填写有效的手机号、带区号的固定电话（如 0931-8888888）或电子邮箱。")
        ) from None
    return value.strip()


def clean_patent_number(value: str) -> str:
    if not value.strip():
        return ""
    try:
        return parse_application_number(value).canonical
    except AppNumberError as exc:
        raise ValidationError(str(exc.args[0])) from None


def _choices(label, choices):
    return [("", label), *choices]


class RequestFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), required=False,
                              choices=_choices(_("全部状态"), State.choices))  # fmt: skip
    channel = forms.ChoiceField(label=_("渠道"), required=False,
                                choices=_choices(_("全部渠道"), Channel.choices))  # fmt: skip
    kind = forms.ChoiceField(label=_("类型"), required=False,
                             choices=_choices(_("全部类型"), Kind.choices))  # fmt: skip
    text = forms.CharField(label=_("主题、姓名或受理编号"), required=False, max_length=100)

    def selector_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v}


class _RequestFields(forms.Form):
    """What every request carries, staff-entered or from the portal. Every text field has a
    length limit, checked before anything reaches the database."""

    requester_name = forms.CharField(label=_("姓名"), max_length=64)
    requester_contact = forms.CharField(
        label=_("联系方式"), max_length=64, help_text=_("手机、固定电话或电子邮箱")
    )
    requester_organization = forms.CharField(label=_("单位"), max_length=100, required=False)
    subject = forms.CharField(label=_("主题"), max_length=100)
    description = forms.CharField(
        label=_("详细情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )
    region = forms.ModelChoiceField(label=_("所在地区"), queryset=Region.objects.none())
    patent_number = forms.CharField(
        label=_("涉及专利申请号"), max_length=32, required=False,
        help_text=_("如 201710601862.3，可不填"),
    )  # fmt: skip

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["region"].choices = [("", _("请选择"))] + [
            (code, name) for code, name in region_choices(regions) if code
        ]

    def clean_requester_contact(self) -> str:
        return validate_contact(self.cleaned_data["requester_contact"])

    def clean_patent_number(self) -> str:
        return clean_patent_number(self.cleaned_data["patent_number"])


class RequestReceiveForm(_RequestFields):
    """Staff entry of a hotline call, visit, letter or referral."""

    channel = forms.ChoiceField(label=_("渠道"), choices=Channel.choices)
    kind = forms.ChoiceField(label=_("类型"), choices=Kind.choices)
    respondent_name = forms.CharField(label=_("被投诉方"), max_length=100, required=False)
    industry = forms.CharField(label=_("行业"), max_length=64, required=False)

    field_order = ["channel", "kind"]


class PortalConsultForm(_RequestFields):
    attachment = forms.FileField(
        label=_("附件"), required=False, help_text=_("可选；PDF、JPG 或 PNG，不超过 10 MB")
    )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        try:
            self.attachment_type = attachment_check(upload)
        except AttachmentError as exc:
            raise ValidationError(str(exc)) from None
        return upload


class PortalComplainForm(PortalConsultForm):
    respondent_name = forms.CharField(
        label=_("被投诉方"), max_length=100, help_text=_("涉嫌侵权或假冒专利的单位或个人")
    )

    field_order = [
        "requester_name", "requester_contact", "requester_organization", "respondent_name",
        "subject", "description", "region", "patent_number", "attachment",
    ]  # fmt: skip


class TrackForm(forms.Form):
    code = forms.CharField(label=_("受理编号"), max_length=24)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("答复内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class AssignStaffForm(forms.Form):
    staff = forms.ModelChoiceField(
        label=_("承办人"), queryset=User.objects.none(),
        error_messages={
            "invalid_choice": _("所选人员无权办理该地区的请求，请从列表中选择本地区的承办人")
        },
    )  # fmt: skip

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = lambda u: f"{u.display_name}（{u.username}）"


class AssignExpertForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("专家"), queryset=Expert.objects.filter(available=True))


class CloseForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("满意度"), required=False, coerce=int, empty_value=None,
        choices=[("", _("未评价")), *((str(n), f"{n} 分") for n in range(5, 0, -1))],
    )  # fmt: skip


class ToCaseForm(forms.Form):
    case_kind = forms.ChoiceField(label=_("案件类型"), choices=CaseKind.choices)
    summary = forms.CharField(
        label=_("案情摘要"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}), help_text=_("不填则用请求的主题和内容"),
    )  # fmt: skip


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64)
    organization_name = forms.CharField(label=_("所在单位"), max_length=255, required=False)
    ipc_sections = forms.MultipleChoiceField(
        label=_("技术领域（IPC部）"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(s, IPC_SECTION_NAMES[s]) for s in IPC_SECTIONS],
    )  # fmt: skip
    industries = forms.CharField(
        label=_("行业"), max_length=255, required=False, help_text=_("多个行业用顿号分隔")
    )
    qualifications = forms.CharField(
        label=_("资质"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    available = forms.BooleanField(label=_("可接受指派"), required=False, initial=True)
    region = forms.ModelChoiceField(
        label=_("所在地区"), queryset=Region.objects.none(), required=False
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["ipc_sections"] = "".join(data["ipc_sections"])
        return data
