import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ipbureau.imports.tabular import MAX_BYTES
from ipbureau.regions.models import Region
from ipbureau.targets.models import Metric
from ipbureau.targets.services import format_value
from ipbureau.targets.values import (
    YEAR_MAX,
    YEAR_MIN,
    parse_population_wan,
    parse_target_value,
    population_wan,
)

UPLOAD_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx"}


class TableQueryForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False
    )
    region = forms.ChoiceField(label=_("地区"), required=False)

    def __init__(self, *args, regions: Iterator[Region], **kwargs):
        super().__init__(*args, **kwargs)
        indent = {1: "", 2: "　", 3: "　　"}
        self.fields["region"].choices = [("", _("本级及下级"))] + [
            (r.code, f"{indent[r.level]}{r.name}") for r in regions
        ]


class TargetRowForm(forms.Form):
    """One region's targets for one year, a field per metric. A blank field means "no
    target" and removes one that was set."""

    def __init__(self, *args, current: dict[str, Decimal | None] | None = None, **kwargs):
        current = current or {}
        kwargs.setdefault(
            "initial", {m: format_value(m, v) for m, v in current.items() if v is not None}
        )
        super().__init__(*args, **kwargs)
        for metric in Metric:
            self.fields[metric.value] = forms.CharField(
                label=metric.label,
                required=False,
                max_length=20,
                help_text=_("可保留两位小数")
                if metric == Metric.VALID_INVENTION_PER_10K
                else _("件，整数"),
            )

    def clean(self) -> dict:
        data = super().clean()
        for metric in Metric:
            text = (data.get(metric.value) or "").strip()
            try:
                data[metric.value] = parse_target_value(metric.value, text) if text else None
            except ValueError as exc:
                self.add_error(metric.value, str(exc))
        return data

    def values(self) -> dict[str, Decimal | None]:
        return {m.value: self.cleaned_data[m.value] for m in Metric}


class PopulationForm(forms.Form):
    """A region's population in 万人 (stored in persons); blank removes the figure."""

    region = forms.CharField(widget=forms.HiddenInput, max_length=6)
    population_wan = forms.CharField(label=_("人口（万人）"), required=False, max_length=20)

    @classmethod
    def for_row(cls, code: str, persons: int | None, data=None) -> "PopulationForm":
        """The form of one table row; ids carry the code since every row has one."""
        initial: dict[str, object] = {"region": code}
        if persons is not None:
            initial["population_wan"] = str(population_wan(persons))
        return cls(data, initial=initial, auto_id=f"id_{code}_%s")

    def clean_population_wan(self) -> int | None:
        text = self.cleaned_data["population_wan"].strip()
        if not text:
            return None
        try:
            return parse_population_wan(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class ImportForm(forms.Form):
    file = forms.FileField(label=_("文件"), help_text=_("CSV（UTF-8 或 GBK）或 XLSX"))
    skip_bad = forms.BooleanField(label=_("跳过错误行，只导入正确的行"), required=False)
    dry_run = forms.BooleanField(label=_("只检查，不写入"), required=False)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(
                _("不支持 %(suffix)s 文件，请上传 CSV 或 XLSX 文件。"),
                params={"suffix": suffix or _("无扩展名")},
            )
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件太大，目标和人口表不应超过 10 MB。"))
        return upload


@contextmanager
def uploaded_copy(upload: UploadedFile) -> Iterator[Path]:
    """The upload as a file on disk (the import reads a path), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="ipbureau-targets-") as folder:
        path = Path(folder) / f"upload{Path(upload.name).suffix.lower()}"
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        yield path
