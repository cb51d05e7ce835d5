from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ipbureau.regions.models import Region

UPLOAD_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xml", ".gz"}


def region_choices(regions) -> list[tuple[str, str]]:
    indent = {1: "", 2: "　", 3: "　　"}
    return [("", _("全部地区"))] + [(r.code, f"{indent[r.level]}{r.name}") for r in regions]


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
