"""The columns of the patent figures in `ipbureau stats` (table, CSV, Excel); the formats
themselves are the shared ones (`ipbureau.figures.formats`)."""

from ipbureau.figures.formats import Column, Layout

# The terminal table shows the columns a report quotes, so that it fits a wide terminal,
# some under a shorter header.
LAYOUT = Layout(
    columns=(
        Column("applications", "申请量"),
        Column("invention_applications", "发明申请", short="发明"),
        Column("utility_applications", "实用新型申请", short="实用新型"),
        Column("design_applications", "外观设计申请", short="外观设计"),
        Column("pct_applications", "PCT申请", in_table=False),
        Column("agency_filed", "代理量", in_table=False),
        Column("agency_share_pct", "代理率(%)", short="代理率%"),
        Column("applications_base", "上年同期申请量", short="上年同期"),
        Column("applications_growth_pct", "申请量增长(%)", short="申请增长%"),
        Column("grants", "授权量"),
        Column("invention_grants", "发明授权", in_table=False),
        Column("utility_grants", "实用新型授权", in_table=False),
        Column("design_grants", "外观设计授权", in_table=False),
        Column("grants_base", "上年同期授权量", in_table=False),
        Column("grants_growth_pct", "授权量增长(%)", short="授权增长%"),
        Column("target_applications", "全年申请目标", short="全年目标"),
        Column("completion_pct", "目标完成率(%)", short="完成率%"),
        Column("projected_applications", "预计全年申请量", short="预计全年"),
        Column("on_track", "可完成目标", in_table=False),
        Column("rank", "排名"),
    )
)
