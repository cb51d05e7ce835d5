"""Who may act on which case. Staff (local, province, admin) act on cases of the regions in
their scope; leaders only read. `user=None` is the system itself (a ledger import run from
the command line without --user), as elsewhere in the project."""

from ipbureau.accounts.models import Role, User
from ipbureau.accounts.selectors import scope_for
from ipbureau.regions.models import Region

STAFF_ROLES = (Role.LOCAL, Role.PROVINCE, Role.ADMIN)


def act_denial(user: User | None, region: Region | str) -> str | None:
    """Why `user` may not handle cases of `region`, or None when allowed."""
    if user is None:
        return None
    code = region if isinstance(region, str) else region.code
    if not (user.is_authenticated and user.is_active):
        return "请先登录"
    if user.role not in STAFF_ROLES and not user.is_superuser:
        return "您的账号只有查看权限，不能办理案件"
    if not scope_for(user).contains(code):
        return "该案件不在您的管辖范围内"
    return None


def can_act(user: User | None, region: Region | str) -> bool:
    return act_denial(user, region) is None


def can_receive(user: User) -> bool:
    """Whether the user may register cases at all (for some region)."""
    scope = scope_for(user)
    return not scope.nothing and act_denial(user, scope.prefix or "") is None
