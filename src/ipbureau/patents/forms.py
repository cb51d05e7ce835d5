from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ipbureau.orgs.models import OrgKind
from ipbureau.patents.models import PatentType, Placement
from ipbureau.regions.models import Region

UPLOAD_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xml", ".gz"}


def region_choices(regions) -> list[tuple[str, str]]:
    indent = {1: "", 2: "　", 3: "　　"}
    return [("", _("全部地区"))] + [(r.code, f"{indent[r.level]}{r.name}") for r in regions]


class PatentFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("地区"), required=False)
    patent_type = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部类型"))] + PatentType.choices
    )
    filing_year = forms.IntegerField(
        label=_("申请年"), required=False, min_value=1985, max_value=2100
    )
    grant_year = forms.IntegerField(
        label=_("授权年"), required=False, min_value=1985, max_value=2100
    )
    granted = forms.ChoiceField(
        label=_("授权情况"),
        required=False,
        choices=[("", _("全部")), ("yes", _("已授权")), ("no", _("未授权"))],
    )
    legal_status = forms.CharField(label=_("法律状态"), required=False, max_length=64)
    applicant = forms.CharField(label=_("申请人"), required=False, max_length=100)
    agency = forms.CharField(label=_("代理机构"), required=False, max_length=100)
    placement = forms.ChoiceField(
        label=_("地区判定"), required=False, choices=[("", _("全部"))] + Placement.choices
    )
    text = forms.CharField(label=_("名称或号码"), required=False, max_length=100)
    # The attributes the statistics count by: a dashboard figure links here with them.
    filed_from = forms.DateField(label=_("申请日起"), required=False)
    filed_to = forms.DateField(label=_("申请日止"), required=False)
    granted_from = forms.DateField(label=_("授权公告日起"), required=False)
    granted_to = forms.DateField(label=_("授权公告日止"), required=False)
    agency_filed = forms.ChoiceField(
        label=_("代理情况"),
        required=False,
        choices=[("", _("全部")), ("yes", _("代理申请")), ("no", _("自行申请"))],
    )
    is_pct = forms.ChoiceField(
        label=_("PCT"),
        required=False,
        choices=[("", _("全部")), ("yes", _("PCT国家阶段")), ("no", _("非PCT"))],
    )
    applicant_kind = forms.ChoiceField(
        label=_("第一申请人类型"), required=False, choices=[("", _("全部"))] + OrgKind.choices
    )
    first_applicant_id = forms.IntegerField(
        label=_("第一申请人编号"), required=False, min_value=1, widget=forms.HiddenInput
    )
    agency_id = forms.IntegerField(
        label=_("代理机构编号"), required=False, min_value=1, widget=forms.HiddenInput
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices(regions)

    def selector_kwargs(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}
        for name in ("granted", "agency_filed", "is_pct"):
            if name in data:
                data[name] = data[name] == "yes"
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("导出文件"),
        help_text=_("支持 CSV、XLSX、谷歌专利导出 CSV、CNIPA XML，可为 .gz 压缩文件"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(
                _("不支持 %(suffix)s 文件。请上传 CSV、XLSX、XML 或 .gz 文件。"),
                params={"suffix": suffix or _("无扩展名")},
            )
        if upload.size > settings.IPBUREAU_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "文件太大（%(size)d MB），上限为 %(limit)d MB；请拆分后分批导入，或用命令行导入。"
                ),
                params={
                    "size": upload.size // 2**20,
                    "limit": settings.IPBUREAU_UPLOAD_MAX_BYTES // 2**20,
                },
            )
        head = upload.read(4)
        upload.seek(0)
        if suffix == ".xlsx" and head[:2] != b"PK":
            raise forms.ValidationError(
                _("文件扩展名是 .xlsx，但内容不是 Excel 文件。请在 Excel 中另存为 .xlsx 后再上传。")
            )
        if suffix == ".gz" and head[:2] != b"\x1f\x8b":
            raise forms.ValidationError(_("文件扩展名是 .gz，但内容不是 gzip 压缩文件。"))
        return upload


class ConfirmImportForm(forms.Form):
    skip_bad = forms.BooleanField(label=_("跳过错误行，只导入正确的行"), required=False)


class AssignRegionForm(forms.Form):
    region = forms.ModelChoiceField(label=_("所属地区"), queryset=Region.objects.none())

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["region"].label_from_instance = lambda r: f"{r.code} {r.name}"
