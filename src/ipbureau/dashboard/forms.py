from django import forms

from ipbureau.figures.periods import YEAR_MAX, YEAR_MIN
from ipbureau.patents.forms import region_choices

PERIOD_CHOICES = [
    ("year", "全年"),
    ("H1", "上半年"),
    ("H2", "下半年"),
    ("Q1", "第一季度"),
    ("Q2", "第二季度"),
    ("Q3", "第三季度"),
    ("Q4", "第四季度"),
    ("YTD", "年初至截止日"),
]

# Figures the map can be coloured by (all are keys of a figures() row).
MAP_METRICS = [
    ("applications", "专利申请量"),
    ("invention_applications", "发明专利申请量"),
    ("grants", "专利授权量"),
    ("invention_grants", "发明专利授权量"),
    ("applications_growth_pct", "申请量同比增长率"),
    ("completion_pct", "申请量目标完成率"),
    ("agency_share_pct", "代理率"),
]


class DashboardForm(forms.Form):
    year = forms.IntegerField(
        label="年度",
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        required=False,
        widget=forms.NumberInput(attrs={"style": "width:6em"}),
    )
    period = forms.ChoiceField(label="统计期间", choices=PERIOD_CHOICES, required=False)
    until = forms.DateField(
        label="截止日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="可选：统计到该日为止（须在所选年度内）",
    )
    # Not validated here: the statistics selectors decide whether the user may see a region
    # (404 for an unknown code, 403 outside the user's scope). The widget lists the user's.
    region = forms.CharField(label="地区", required=False, max_length=6)
    metric = forms.ChoiceField(label="地图指标", choices=MAP_METRICS, required=False)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = region_choices(regions)[1:]  # no "all regions": the top one is the whole
        self.fields["region"].widget = forms.Select(choices=choices)
