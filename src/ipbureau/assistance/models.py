"""The 12330 rights-protection assistance centre (维权援助中心): requests that reach it by
hotline, online form, walk-in, letter or referral, and the expert pool (专家库) they can be
assigned to."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: a receipt code is read out over the phone and typed back in.
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 12  # 31**12 ≈ 7.9e17 codes: guessing one is hopeless, rate limit or not
IPC_SECTIONS = "ABCDEFGH"


def new_receipt_code() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("12330热线")
    ONLINE = "online", _("网上提交")
    WALK_IN = "walk_in", _("来访")
    LETTER = "letter", _("来信")
    REFERRAL = "referral", _("转办")


class Kind(models.TextChoices):
    CONSULTATION = "consultation", _("咨询")
    COMPLAINT = "complaint", _("投诉举报")
    ASSISTANCE = "assistance", _("维权援助申请")
    OVERSEAS = "overseas", _("海外维权")


class State(models.TextChoices):
    RECEIVED = "received", _("已受理")
    ANSWERED = "answered", _("已答复")
    ASSIGNED = "assigned", _("已分派")
    CLOSED = "closed", _("已办结")


class Expert(models.Model):
    """A member of the expert pool. `organization_name` is what conflicts of interest are
    checked against; `organization` links the applicant record when there is one."""

    name = models.CharField(_("姓名"), max_length=64)
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("所在单位（申请人库）"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="experts",
    )  # fmt: skip
    organization_name = models.CharField(_("所在单位"), max_length=255, blank=True)
    # IPC sections as letters, e.g. "AG".
    ipc_sections = models.CharField(_("技术领域（IPC部）"), max_length=8, blank=True)
    industries = models.CharField(
        _("行业"), max_length=255, blank=True, help_text=_("多个行业用顿号或逗号分隔")
    )
    qualifications = models.TextField(_("资质"), blank=True, max_length=2000)
    available = models.BooleanField(_("可接受指派"), default=True)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("所在地区"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("专家")
        verbose_name_plural = _("专家库")

    def __str__(self) -> str:
        return self.name

    @property
    def industry_list(self) -> list[str]:
        return split_industries(self.industries)

    @property
    def affiliation(self) -> str:
        return self.organization.name if self.organization_id else self.organization_name


def split_industries(text: str) -> list[str]:
    for sep in "、，,;；/":
        text = text.replace(sep, "\n")
    return [part.strip() for part in text.splitlines() if part.strip()]


class AssistanceRequest(models.Model):
    """One request to the centre: a consultation, a complaint or report, an application for
    help in a dispute, or a request for help with a dispute abroad."""

    receipt_code = models.CharField(
        _("受理编号"), max_length=RECEIPT_LENGTH, unique=True, default=new_receipt_code,
        editable=False,
    )  # fmt: skip
    channel = models.CharField(_("渠道"), max_length=16, choices=Channel.choices)
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    requester_name = models.CharField(_("姓名"), max_length=64)
    requester_contact = models.CharField(_("联系方式"), max_length=64)
    requester_organization = models.CharField(_("单位"), max_length=255, blank=True)
    respondent_name = models.CharField(_("被投诉方"), max_length=255, blank=True)
    subject = models.CharField(_("主题"), max_length=200)
    description = models.TextField(_("内容"), max_length=5000)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+"
    )
    # Canonical application number when given (validated with patents.numbers).
    patent_number = models.CharField(_("涉及专利"), max_length=16, blank=True)
    industry = models.CharField(_("行业"), max_length=64, blank=True)
    state = models.CharField(
        _("状态"), max_length=16, choices=State.choices, default=State.RECEIVED, db_index=True
    )
    assigned_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="assistance_requests",
    )  # fmt: skip
    assigned_expert = models.ForeignKey(
        Expert, verbose_name=_("指派专家"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="requests",
    )  # fmt: skip
    answer = models.TextField(_("答复"), blank=True, max_length=5000)
    received_at = models.DateTimeField(_("受理时间"), db_index=True)
    first_response_at = models.DateTimeField(_("首次答复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    # An upload from the portal lives under IPBUREAU_DATA_DIR, never under a served URL;
    # staff download it through a view that checks the request is in their scope.
    attachment_path = models.CharField(_("附件存储位置"), max_length=255, blank=True)
    attachment_name = models.CharField(_("附件名称"), max_length=255, blank=True)
    attachment_type = models.CharField(_("附件类型"), max_length=64, blank=True)
    # The enforcement case a complaint became (assistance_request_to_case).
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("转办案件"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="assistance_requests",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("录入人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="assistance_satisfaction_1_to_5",
            ),
        ]
        verbose_name = _("维权援助请求")
        verbose_name_plural = _("维权援助请求")

    def __str__(self) -> str:
        return f"{self.receipt_code} {self.subject}"

    @property
    def is_open(self) -> bool:
        return self.state != State.CLOSED

    @property
    def may_become_case(self) -> bool:
        return self.is_open and self.case_id is None and self.kind in CASE_KINDS


# Requests that can become an enforcement case: a complaint or report (举报投诉) and an
# application for help in a dispute (the party's request). Consultations are answered, and
# disputes abroad are outside the bureau's enforcement powers.
CASE_KINDS = (Kind.COMPLAINT, Kind.ASSISTANCE)
