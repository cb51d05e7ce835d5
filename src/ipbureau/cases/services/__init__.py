"""Writes of the cases app: `cases` (receive and the workflow), `records` (parties, patents,
documents, penalties, campaigns and joint actions). Import from here:
`ipbureau.cases.services.case_receive` is what the 12330 centre calls."""

from ipbureau.cases.services.cases import (
    CLOSE_ACTIONS,
    case_accept,
    case_assign_officers,
    case_close,
    case_extend,
    case_hold_hearing,
    case_mediate,
    case_number_next,
    case_receive,
    case_reject,
    case_start_investigation,
    case_transfer,
    min_officers,
    patent_number_parse,
)
from ipbureau.cases.services.records import (
    campaign_create,
    case_patent_add,
    case_set_campaign,
    document_add,
    joint_action_create,
    party_add,
    penalty_add,
)

__all__ = [
    "CLOSE_ACTIONS", "campaign_create", "case_accept", "case_assign_officers", "case_close",
    "case_extend", "case_hold_hearing", "case_mediate", "case_number_next", "case_patent_add",
    "case_receive", "case_reject", "case_set_campaign", "case_start_investigation",
    "case_transfer", "document_add", "joint_action_create", "min_officers", "party_add",
    "patent_number_parse", "penalty_add",
]  # fmt: skip
