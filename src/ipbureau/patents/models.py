from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PatentType(models.TextChoices):
    INVENTION = "invention", _("发明")
    UTILITY = "utility", _("实用新型")
    DESIGN = "design", _("外观设计")


class Placement(models.TextChoices):
    """How the patent's region was decided; `unplaced` records wait in the review queue."""

    STRUCTURED = "structured", _("导出文件中的地区字段")
    ADDRESS = "address", _("申请人地址")
    POSTCODE = "postcode", _("邮编")
    MANUAL = "manual", _("人工指定")
    FOREIGN = "foreign", _("境外申请人")
    UNPLACED = "unplaced", _("待人工确认")


class ImportRun(models.Model):
    """One import of one file, from the CLI or the staff web UI."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("已预检")
        COMMITTED = "committed", _("已导入")
        REJECTED = "rejected", _("有错误，未导入")
        # The file could not be read to its end, or the import was interrupted: nothing
        # was written; `problems` says why.
        FAILED = "failed", _("导入失败")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    file_name = models.CharField(_("文件名"), max_length=255)
    file_sha256 = models.CharField(_("文件摘要"), max_length=64)
    file_format = models.CharField(_("文件格式"), max_length=32, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices)
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    inserted = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("无变化"), default=0)
    rejected = models.PositiveIntegerField(_("拒收"), default=0)
    unplaced = models.PositiveIntegerField(_("待定地区"), default=0)
    # The first problems found, for the preview page; the full list goes to --rejects.
    problems = models.JSONField(_("问题"), default=list, blank=True)
    # Where the uploaded file waits between preview and confirmation (web imports only).
    stored_path = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("导入记录")
        verbose_name_plural = _("导入记录")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


# What statistics count the records of a few days by, after the date (see Patent.Meta).
COUNTED_BY = ("region", "patent_type", "is_pct", "agency", "first_applicant")


class Patent(models.Model):
    """One patent application, whatever documents and number formats it arrived in."""

    # Canonical original form, e.g. 200810012345.6; null only for records known solely by a
    # publication number (Google Patents exports carry no application number).
    application_number = models.CharField(
        _("申请号"), max_length=16, unique=True, null=True, blank=True
    )
    patent_type = models.CharField(_("专利类型"), max_length=10, choices=PatentType.choices)
    is_pct = models.BooleanField(_("PCT国家阶段"), default=False)
    filing_date = models.DateField(_("申请日"), null=True, blank=True)
    publication_number = models.CharField(_("公开(公告)号"), max_length=24, blank=True)
    publication_date = models.DateField(_("公开(公告)日"), null=True, blank=True)
    grant_number = models.CharField(_("授权公告号"), max_length=24, blank=True)
    grant_date = models.DateField(_("授权公告日"), null=True, blank=True)
    title = models.CharField(_("名称"), max_length=500)
    abstract = models.TextField(_("摘要"), blank=True)
    ipc_main = models.CharField(_("主分类号"), max_length=32, blank=True)
    ipc = models.TextField(_("分类号"), blank=True)
    inventors = models.TextField(_("发明(设计)人"), blank=True)
    applicants = models.ManyToManyField(
        "orgs.Organization",
        through="PatentApplicant",
        related_name="patents",
        verbose_name=_("申请(专利权)人"),
    )
    # The first applicant decides the region and the applicant kind in statistics.
    first_applicant = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("第一申请人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("地址"), max_length=500, blank=True)
    postcode = models.CharField(_("邮编"), max_length=6, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("所属地区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patents",
        db_index=False,  # the (region, filing_date) index serves lookups by region
    )
    placement = models.CharField(
        _("地区判定方式"), max_length=12, choices=Placement.choices, default=Placement.UNPLACED
    )
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("专利代理机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="patents",
    )
    agents = models.CharField(_("代理人"), max_length=255, blank=True)
    legal_status = models.CharField(_("法律状态"), max_length=64, blank=True)
    last_import = models.ForeignKey(
        ImportRun,
        verbose_name=_("最近导入"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-filing_date", "id"]
        verbose_name = _("专利")
        verbose_name_plural = _("专利")
        indexes = [
            models.Index(fields=["region", "filing_date"]),
            models.Index(fields=["placement"]),
            # Covering: the days of a period outside whole months (a year-to-date up to
            # mid-month) are counted from the records by date, region, type, PCT flag,
            # agency and first applicant (patents.figures). With every column in the
            # index, such a count reads the index alone, not a table row per patent.
            models.Index(fields=["filing_date", *COUNTED_BY], name="patent_filed_counted"),
            models.Index(fields=["grant_date", *COUNTED_BY], name="patent_granted_counted"),
        ]

    def __str__(self) -> str:
        return f"{self.application_number or self.publication_number} {self.title}"


class PatentApplicant(models.Model):
    patent = models.ForeignKey(Patent, on_delete=models.CASCADE, related_name="applicant_links")
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["patent", "position"]
        constraints = [
            models.UniqueConstraint(fields=["patent", "position"], name="uniq_applicant_position")
        ]

    def __str__(self) -> str:
        return f"{self.patent_id}#{self.position}: {self.organization_id}"


class Publication(models.Model):
    """A published document of a patent (A publication, B grant, U/S announcements...)."""

    patent = models.ForeignKey(Patent, on_delete=models.CASCADE, related_name="publications")
    number = models.CharField(_("文献号"), max_length=24, unique=True)
    kind = models.CharField(_("文献类型"), max_length=4, blank=True)
    date = models.DateField(_("公开日"), null=True, blank=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return self.number
