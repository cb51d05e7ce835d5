"""Enforcement cases (专利侵权纠纷, 假冒专利, 其他专利纠纷), their parties, patents, documents and
penalties; enforcement campaigns and joint actions. Writes go through services.py only."""

from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    INFRINGEMENT = "infringement", _("专利侵权纠纷")
    COUNTERFEIT = "counterfeit", _("假冒专利")
    OTHER_DISPUTE = "other_dispute", _("其他专利纠纷")


class CaseSource(models.TextChoices):
    REQUEST = "request", _("当事人请求")
    REPORT = "report", _("举报投诉")
    REFERRAL = "referral", _("移送")
    CAMPAIGN = "campaign", _("专项行动检查")
    EXHIBITION = "exhibition", _("展会")


class CaseState(models.TextChoices):
    RECEIVED = "received", _("受理审查")
    ACCEPTED = "accepted", _("已立案")
    INVESTIGATING = "investigating", _("调查取证")
    HEARING = "hearing", _("口头审理")
    MEDIATING = "mediating", _("调解")
    CLOSED = "closed", _("已结案")
    TRANSFERRED = "transferred", _("已移交")
    NOT_ACCEPTED = "not_accepted", _("不予受理")


class Closure(models.TextChoices):
    DECISION = "decision", _("处理决定")
    MEDIATION = "mediation", _("调解")
    WITHDRAWAL = "withdrawal", _("撤回")
    TRANSFER = "transfer", _("移交")
    NOT_ACCEPTED = "not_accepted", _("不予受理")


class Outcome(models.TextChoices):
    ESTABLISHED = "established", _("侵权（违法）成立")
    NOT_ESTABLISHED = "not_established", _("侵权（违法）不成立")


class Department(models.TextChoices):
    MARKET = "market", _("市场监管")
    COPYRIGHT = "copyright", _("版权")
    POLICE = "police", _("公安")
    CUSTOMS = "customs", _("海关")
    CULTURE = "culture", _("文化")


class Campaign(models.Model):
    """A special enforcement action (专项行动) such as 雷雨 or 天网."""

    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("组织单位所在地区"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("覆盖地区"), blank=True, related_name="+"
    )
    start = models.DateField(_("开始日期"))
    end = models.DateField(_("结束日期"))
    description = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-start", "id"]
        verbose_name = _("专项行动")
        verbose_name_plural = _("专项行动")

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    number = models.CharField(_("案件编号"), max_length=64, unique=True)
    kind = models.CharField(_("案件类型"), max_length=16, choices=CaseKind.choices)
    source = models.CharField(_("案件来源"), max_length=16, choices=CaseSource.choices)
    # Where the case came from outside this app, e.g. "12330:<receipt code>"; kept as text so
    # the cases app does not depend on the assistance app.
    source_reference = models.CharField(_("来源编号"), max_length=100, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("承办地区"),
        on_delete=models.PROTECT,
        related_name="cases",
    )
    state = models.CharField(
        _("状态"), max_length=16, choices=CaseState.choices, default=CaseState.RECEIVED
    )
    summary = models.TextField(_("案情摘要"), blank=True)
    products = models.CharField(_("涉案产品"), max_length=500, blank=True)
    received_on = models.DateField(_("受理日期"), db_index=True)
    accepted_on = models.DateField(_("立案日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    closure = models.CharField(_("结案方式"), max_length=16, choices=Closure.choices, blank=True)
    transferred_to = models.CharField(_("移交单位"), max_length=200, blank=True)
    not_accepted_reason = models.TextField(_("不予受理理由"), blank=True)
    outcome = models.CharField(_("处理结果"), max_length=16, choices=Outcome.choices, blank=True)
    # Statutory time limits, computed from the dates by cases.deadlines when the case is
    # received and filed; an approved extension sets extended_due (used instead of close_due).
    acceptance_due = models.DateField(_("受理审查期限"), null=True, blank=True)
    close_due = models.DateField(_("结案期限"), null=True, blank=True)
    extended_due = models.DateField(_("延长后结案期限"), null=True, blank=True)
    extension_reason = models.CharField(_("延长理由"), max_length=500, blank=True)
    extension_approved_by = models.CharField(_("延长批准人"), max_length=100, blank=True)
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("专项行动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人员"),
        blank=True,
        related_name="cases_handled",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("执法案件")
        verbose_name_plural = _("执法案件")
        indexes = [models.Index(fields=["region", "received_on"])]

    def __str__(self) -> str:
        return self.number

    @property
    def due(self):
        """The time limit the case is working against now, or None when finished."""
        if self.closed_on is not None:
            return None
        if self.state == CaseState.RECEIVED:
            return self.acceptance_due
        return self.extended_due or self.close_due

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class Party(models.Model):
    class Role(models.TextChoices):
        REQUESTER = "requester", _("请求人")
        RESPONDENT = "respondent", _("被请求人")

    class Kind(models.TextChoices):
        PERSON = "person", _("自然人")
        ORGANIZATION = "organization", _("单位")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("当事人类别"), max_length=16, choices=Role.choices)
    kind = models.CharField(
        _("主体类型"), max_length=16, choices=Kind.choices, default=Kind.ORGANIZATION
    )
    name = models.CharField(_("名称或姓名"), max_length=200)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    agent = models.CharField(_("代理人"), max_length=200, blank=True)

    class Meta:
        ordering = ["case", "role", "id"]
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")

    def __str__(self) -> str:
        return self.name


class CasePatent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="patents")
    # The validated number (canonical application number) even when the patent is in the
    # database, so the case reads the same if the patent record is later re-imported.
    number = models.CharField(_("专利号"), max_length=20)
    patent = models.ForeignKey(
        "patents.Patent",
        verbose_name=_("专利"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )

    class Meta:
        ordering = ["case", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="case_patent_unique")
        ]
        verbose_name = _("涉案专利")
        verbose_name_plural = _("涉案专利")

    def __str__(self) -> str:
        return self.number


def documents_storage() -> FileSystemStorage:
    """Outside MEDIA_ROOT and STATIC_ROOT and with no URL: files are only served by the
    document view, after the case's visibility is checked."""
    return FileSystemStorage(location=Path(settings.DATA_DIR) / "case-documents", base_url=None)


def document_path(instance: "Document", filename: str) -> str:
    # The stored name never contains the uploaded name (no path tricks, no odd characters).
    return f"{instance.case_id}/{uuid4().hex}{Path(filename).suffix.lower()}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("材料名称"), max_length=200)
    file = models.FileField(
        _("文件"), upload_to=document_path, storage=documents_storage, max_length=200
    )
    original_name = models.CharField(_("原文件名"), max_length=255)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["case", "uploaded_at", "id"]
        verbose_name = _("案件材料")
        verbose_name_plural = _("案件材料")

    def __str__(self) -> str:
        return self.title


class Penalty(models.Model):
    """Administrative penalty of a counterfeit-patent case (假冒专利的行政处罚)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="penalties")
    decided_on = models.DateField(_("决定日期"))
    confiscation = models.CharField(_("没收违法所得/物品"), max_length=500, blank=True)
    illegal_gains = models.DecimalField(
        _("违法所得（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fine = models.DecimalField(_("罚款（元）"), max_digits=14, decimal_places=2, default=0)
    note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        ordering = ["case", "decided_on", "id"]
        verbose_name = _("行政处罚")
        verbose_name_plural = _("行政处罚")

    def __str__(self) -> str:
        return f"{self.case} {self.fine}"


class JointAction(models.Model):
    """A joint enforcement action with other departments (联合执法)."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("专项行动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="joint_actions",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField(_("日期"))
    # Department values (see Department); a list, since one action joins several.
    departments = models.JSONField(_("联合部门"), default=list)
    participants = models.PositiveIntegerField(_("出动人数"), default=0)
    results = models.TextField(_("执法成果"), blank=True)
    cases = models.ManyToManyField(
        Case, verbose_name=_("关联案件"), blank=True, related_name="joint_actions"
    )

    class Meta:
        ordering = ["-held_on", "id"]
        verbose_name = _("联合执法")
        verbose_name_plural = _("联合执法")

    def __str__(self) -> str:
        return f"{self.held_on} {self.region}"

    def department_labels(self) -> list[str]:
        labels = dict(Department.choices)
        return [str(labels.get(d, d)) for d in self.departments]
