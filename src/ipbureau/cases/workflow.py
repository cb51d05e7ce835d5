"""The case workflow as data: which action may move a case from which state to which.

    受理审查 → 立案 / 不予受理 / 移交 / 撤回
    立案, 调查取证, 口头审理, 调解 ↔ one another (调查/口审/调解 in any order)
                                → 结案（处理决定 / 调解协议 / 撤回） or 移交
    已结案, 已移交, 不予受理: final

Every service in services.py asks `check_transition` first; the refusal says, in Chinese,
why the action is not possible in the case's state.
"""

from dataclasses import dataclass

from ipbureau.cases.errors import CaseError
from ipbureau.cases.models import CaseState

S = CaseState
FILED = frozenset({S.ACCEPTED, S.INVESTIGATING, S.HEARING, S.MEDIATING})
FINAL = frozenset({S.CLOSED, S.TRANSFERRED, S.NOT_ACCEPTED})


@dataclass(frozen=True)
class Transition:
    label: str  # the action, as a clerk names it (used in messages and buttons)
    sources: frozenset[str]
    target: str | None  # None: the state does not change (an extension)


TRANSITIONS: dict[str, Transition] = {
    "accept": Transition("立案", frozenset({S.RECEIVED}), S.ACCEPTED),
    "reject": Transition("不予受理", frozenset({S.RECEIVED}), S.NOT_ACCEPTED),
    "start_investigation": Transition(
        "调查取证", frozenset({S.ACCEPTED, S.HEARING, S.MEDIATING}), S.INVESTIGATING
    ),
    "hold_hearing": Transition(
        "口头审理", frozenset({S.ACCEPTED, S.INVESTIGATING, S.MEDIATING}), S.HEARING
    ),
    "mediate": Transition("调解", frozenset({S.ACCEPTED, S.INVESTIGATING, S.HEARING}), S.MEDIATING),
    "close_decision": Transition("作出处理决定结案", FILED, S.CLOSED),
    "close_mediation": Transition("以调解协议结案", frozenset({S.MEDIATING}), S.CLOSED),
    "close_withdrawal": Transition("以撤回结案", FILED | {S.RECEIVED}, S.CLOSED),
    "transfer": Transition("移交", FILED | {S.RECEIVED}, S.TRANSFERRED),
    "extend": Transition("延长办案期限", FILED, None),
}

# How a message names the state a case is in ("案件已结案，不能再移交").
STATE_PHRASES = {
    S.RECEIVED: "案件尚在受理审查中",
    S.ACCEPTED: "案件已立案",
    S.INVESTIGATING: "案件正在调查取证",
    S.HEARING: "案件正在口头审理",
    S.MEDIATING: "案件正在调解",
    S.CLOSED: "案件已结案",
    S.TRANSFERRED: "案件已移交",
    S.NOT_ACCEPTED: "案件已决定不予受理",
}


class TransitionError(CaseError):
    """An action the case's state does not allow; the message says why."""


def allowed_actions(state: str) -> list[str]:
    return [name for name, t in TRANSITIONS.items() if state in t.sources]


def refusal(action: str, state: str) -> str | None:
    """Why `action` is impossible in `state`, or None when it is allowed."""
    transition = TRANSITIONS[action]
    if state in transition.sources:
        return None
    if state in FINAL:
        return f"{STATE_PHRASES[state]}，不能再{transition.label}"
    allowed = "、".join(str(CaseState(s).label) for s in CaseState if s in transition.sources)
    return f"{STATE_PHRASES[state]}，不能{transition.label}（只有处于{allowed}状态的案件可以）"


def check_transition(action: str, state: str) -> Transition:
    reason = refusal(action, state)
    if reason:
        raise TransitionError(reason)
    return TRANSITIONS[action]
