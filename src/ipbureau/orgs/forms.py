from django import forms
from django.utils.translation import gettext_lazy as _

from ipbureau.orgs.models import OrgKind


class OrganizationKindForm(forms.Form):
    kind = forms.ChoiceField(label=_("申请人类型"), choices=OrgKind.choices)
