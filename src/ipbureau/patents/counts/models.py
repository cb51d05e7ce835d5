"""Summary tables: an index of the patent records, kept by deltas (`counts.services`) in the
same transaction as the write that changed the records; `ipbureau stats rebuild` recomputes
them from scratch. Nothing else writes here. Counts are plain integers, without the CHECK of
a positive field: a delta adds a negative count to an existing row.

Two grains of the same counts. PatentMonthCount keeps every breakdown (applicant kind, IPC
section); its rows multiply with them (about 300 combinations per region and month once a
region files a lot). PatentMonthTotal leaves those two out, about 20 combinations, and is
what the headline figures, the city table, the trend and the projection read: a year of a
province is then some thousands of rows rather than hundreds of thousands.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipbureau.orgs.models import OrgKind
from ipbureau.patents.models import PatentType


class Event(models.TextChoices):
    APPLICATION = "application", _("申请")  # counted in the month of the filing date
    GRANT = "grant", _("授权")  # counted in the month of the grant announcement date


# The keys of the summary rows, in the order of their unique constraints' indexes. Month
# first: every figure reads a range of months, then a range of region codes within it, so
# the one index serves reads, the deltas (ON CONFLICT) and uniqueness.
TOTAL_KEY_FIELDS = ("month", "region", "event", "patent_type", "is_pct", "agency_filed")
KEY_FIELDS = (*TOTAL_KEY_FIELDS, "applicant_kind", "ipc_section")
YEAR_KEY_FIELDS = ("year", *TOTAL_KEY_FIELDS[1:])


def _region() -> models.ForeignKey:
    # Null: patents not placed in any region yet (the review queue) or placed abroad. No
    # index of its own: the key's index covers lookups, and with a second one SQLite scanned
    # every row of the province to answer one year.
    return models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+", db_index=False,
    )  # fmt: skip


def _unique(fields: tuple[str, ...], name: str) -> list[models.UniqueConstraint]:
    return [
        models.UniqueConstraint(fields=list(fields), name=name),
        # NULLs are distinct in a unique index, so unplaced rows need their own.
        models.UniqueConstraint(
            fields=[f for f in fields if f != "region"],
            condition=Q(region__isnull=True),
            name=f"{name}_unplaced",
        ),
    ]


def _zero(counts: tuple[str, ...], name: str) -> models.Index:
    """An index of the rows whose counts are all zero: nearly always empty, it lets a delta
    delete the rows a subtraction emptied without reading the table (both databases use a
    partial index for the same condition)."""
    return models.Index(fields=["id"], condition=Q(**{c: 0 for c in counts}), name=name)


class _Breakdown(models.Model):
    """The key fields the patent summaries share; each adds its period (and more keys)."""

    region = _region()
    event = models.CharField(_("事件"), max_length=12, choices=Event.choices)
    patent_type = models.CharField(_("专利类型"), max_length=10, choices=PatentType.choices)
    is_pct = models.BooleanField(_("PCT国家阶段"))
    agency_filed = models.BooleanField(_("通过代理机构"))
    count = models.IntegerField(_("件数"))

    class Meta:
        abstract = True


class PatentMonthCount(_Breakdown):
    """How many patents of one region had an event in one month, by every attribute that
    statistics break figures down by."""

    month = models.DateField(_("月份"))  # always the first day of the month
    applicant_kind = models.CharField(_("第一申请人类型"), max_length=16, choices=OrgKind.choices)
    # The section letter (A–H) of the main IPC class; "" when there is none.
    ipc_section = models.CharField(_("IPC部"), max_length=1, blank=True)

    class Meta:
        verbose_name = _("专利月度汇总")
        verbose_name_plural = _("专利月度汇总")
        constraints = _unique(KEY_FIELDS, "patent_month_count_key")
        indexes = [_zero(("count",), "patent_month_count_zero")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.month:%Y-%m} {self.event} {self.patent_type}: {self.count}"


class PatentMonthTotal(_Breakdown):
    """PatentMonthCount summed over applicant kinds and IPC sections."""

    month = models.DateField(_("月份"))

    class Meta:
        verbose_name = _("专利月度合计")
        verbose_name_plural = _("专利月度合计")
        constraints = _unique(TOTAL_KEY_FIELDS, "patent_month_total_key")
        indexes = [_zero(("count",), "patent_month_total_zero")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.month:%Y-%m} {self.event} {self.patent_type}: {self.count}"


class PatentYearTotal(_Breakdown):
    """PatentMonthTotal summed by calendar year: whole years (a year's figures, the years of
    a cumulative period) read a few thousand rows instead of every month since 1985."""

    year = models.PositiveSmallIntegerField(_("年度"))

    class Meta:
        verbose_name = _("专利年度合计")
        verbose_name_plural = _("专利年度合计")
        constraints = _unique(YEAR_KEY_FIELDS, "patent_year_total_key")
        indexes = [_zero(("count",), "patent_year_total_zero")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.event} {self.patent_type}: {self.count}"


# The count columns of PatentDayCount, by event, with the patents each counts.
DAY_METRICS = {
    Event.APPLICATION: {
        "applications": Q(),
        "invention_applications": Q(patent_type=PatentType.INVENTION),
        "utility_applications": Q(patent_type=PatentType.UTILITY),
        "design_applications": Q(patent_type=PatentType.DESIGN),
        "pct_applications": Q(is_pct=True),
        "agency_filed": Q(agency__isnull=False),
    },
    Event.GRANT: {
        "grants": Q(),
        "invention_grants": Q(patent_type=PatentType.INVENTION),
        "utility_grants": Q(patent_type=PatentType.UTILITY),
        "design_grants": Q(patent_type=PatentType.DESIGN),
    },
}
DAY_COLUMNS = tuple(name for metrics in DAY_METRICS.values() for name in metrics)


class PatentDayCount(models.Model):
    """Per region and day, the count metrics of figures as columns (one row per region and
    day with any event). Read for the days of a month a range covers only in part (a
    year-to-date up to a mid-month date, its base and the same days of past years for the
    projection), where the records would have to be read one by one."""

    region = _region()
    day = models.DateField(_("日期"))
    applications = models.IntegerField(_("申请量"), default=0)
    invention_applications = models.IntegerField(_("发明专利申请量"), default=0)
    utility_applications = models.IntegerField(_("实用新型申请量"), default=0)
    design_applications = models.IntegerField(_("外观设计申请量"), default=0)
    pct_applications = models.IntegerField(_("PCT国家阶段申请量"), default=0)
    agency_filed = models.IntegerField(_("代理申请量"), default=0)
    grants = models.IntegerField(_("授权量"), default=0)
    invention_grants = models.IntegerField(_("发明专利授权量"), default=0)
    utility_grants = models.IntegerField(_("实用新型授权量"), default=0)
    design_grants = models.IntegerField(_("外观设计授权量"), default=0)

    class Meta:
        verbose_name = _("专利日汇总")
        verbose_name_plural = _("专利日汇总")
        constraints = _unique(("day", "region"), "patent_day_count_key")
        indexes = [_zero(DAY_COLUMNS, "patent_day_count_zero")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.day}: {self.applications}/{self.grants}"


# IPC sections a summary keys by; anything else counts under "".
IPC_SECTIONS = "ABCDEFGH"


class SummaryState(models.Model):
    """One row per set of summary tables. Every delta and rebuild updates its row first: the
    row lock, held until the writer's transaction ends, makes a rebuild and the writers wait
    for each other on PostgreSQL, so a rebuild never aggregates while another writer's
    patents are still uncommitted and invisible to it. The time says when the figures last
    changed."""

    PATENT_MONTH_COUNT = "patent_month_count"

    name = models.CharField(max_length=64, primary_key=True)
    updated_at = models.DateTimeField(_("更新时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("汇总表状态")
        verbose_name_plural = _("汇总表状态")

    def __str__(self) -> str:
        return f"{self.name} {self.updated_at}"


PARTY_COUNTS = ("applications", "invention_applications", "grants")


class Party(models.TextChoices):
    APPLICANT = "applicant", _("第一申请人")  # Patent.first_applicant (an Organization id)
    AGENCY = "agency", _("代理机构")  # Patent.agency (an Agency id)


def party_prefix() -> str:
    """The region codes the party summaries keep (see PartyMonthCount): the home province's."""
    return settings.IPBUREAU_PROVINCE


def party_counted(region_code: str) -> bool:
    """Whether the party summaries hold this region's patents."""
    return region_code.startswith(party_prefix())


class PartyMonthCount(models.Model):
    """Per region (as recorded on the patents, never an ancestor), month and party (first
    applicant or agency): applications filed in the month, the inventions among them and
    grants announced in the month. Only patents placed in the home province
    (IPBUREAU_PROVINCE) are kept: the top lists a bureau reads are its own regions', and a
    national weekly file is 99% other provinces, which would make these tables as large as
    the records. Top lists of other regions are counted from the records (selectors.rankings);
    after changing IPBUREAU_PROVINCE run `ipbureau stats rebuild`.
    Read only for the few candidates of a top list (see selectors.rankings)."""

    month = models.DateField(_("月份"))
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.CASCADE, related_name="+",
        db_index=False,
    )  # fmt: skip
    party = models.CharField(_("主体类别"), max_length=10, choices=Party.choices)
    party_id = models.PositiveIntegerField(_("主体ID"))
    applications = models.IntegerField(_("申请量"))
    invention_applications = models.IntegerField(_("发明专利申请量"))
    grants = models.IntegerField(_("授权量"))

    class Meta:
        verbose_name = _("申请人/代理机构月度汇总")
        verbose_name_plural = _("申请人/代理机构月度汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "region", "party", "party_id"], name="party_month_count_key"
            )
        ]
        # Covering: a top list reads its candidates' months here, region and counts from
        # the index alone (a table row per month and county each was 9x slower at 5M).
        indexes = [
            models.Index(
                fields=["party", "party_id", "month", "region", *PARTY_COUNTS],
                name="party_month_covering",
            ),
            _zero(PARTY_COUNTS, "party_month_count_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.month:%Y-%m} {self.party} {self.party_id}"


class PartyYearCount(models.Model):
    """PartyMonthCount summed by calendar year and rolled up to every region above the
    recorded one (county, its city, its province: one row each), so a top list of a whole
    year is one index range read, however many patents the region has. Rebuilt from
    PartyMonthCount."""

    year = models.PositiveSmallIntegerField(_("年度"))
    # A code, not a key: the rolled-up code of a city or province (code[:4] + "00").
    region_code = models.CharField(_("区划代码"), max_length=6)
    party = models.CharField(_("主体类别"), max_length=10, choices=Party.choices)
    party_id = models.PositiveIntegerField(_("主体ID"))
    applications = models.IntegerField(_("申请量"))
    invention_applications = models.IntegerField(_("发明专利申请量"))
    grants = models.IntegerField(_("授权量"))

    class Meta:
        verbose_name = _("申请人/代理机构年度汇总")
        verbose_name_plural = _("申请人/代理机构年度汇总")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "party", "year", "party_id"], name="party_year_count_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["region_code", "party", "year", "-applications", "party_id"],
                name="party_year_rank",
            ),
            _zero(PARTY_COUNTS, "party_year_count_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.year} {self.party} {self.party_id}"
