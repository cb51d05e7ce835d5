from django import forms
from django.utils.translation import gettext_lazy as _

from ipbureau.orgs.models import Organization, OrgKind
from ipbureau.orgs.selectors import organization_by_name


class OrganizationKindForm(forms.Form):
    kind = forms.ChoiceField(label=_("申请人类型"), choices=OrgKind.choices)


class OrganizationMergeForm(forms.Form):
    target = forms.CharField(
        label=_("并入的申请人"),
        max_length=255,
        help_text=_("填写准确名称；全角半角、空格不影响查找"),
    )
    confirm = forms.BooleanField(
        label=_("确认合并：本申请人的专利和相关记录转到上述申请人名下，合并后不能撤销"),
        error_messages={"required": _("请勾选确认后再合并。")},
    )

    def clean_target(self) -> Organization:
        name = self.cleaned_data["target"]
        organization = organization_by_name(name)
        if organization is None:
            raise forms.ValidationError(
                _("没有名为“%(name)s”的申请人，请填写准确名称。"), params={"name": name}
            )
        return organization
