"""Region scope: the one place that decides which regions a user may see; and the failed
login attempts that hold an account or an address locked out."""

from dataclasses import dataclass

from axes.models import AccessAttempt
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from ipbureau.accounts.models import Role, User


@dataclass(frozen=True)
class Scope:
    """A region subtree given by its code prefix; `prefix is None` means everything
    (including records placed outside the province and records not yet placed)."""

    prefix: str | None
    nothing: bool = False

    @property
    def is_unrestricted(self) -> bool:
        return self.prefix is None and not self.nothing

    def region_q(self, field: str = "region") -> Q:
        """A filter on a region foreign key (or code field) for this scope.

        A range on the code rather than LIKE 'prefix%' so that both SQLite and PostgreSQL
        use the ordinary B-tree index on the column.
        """
        if self.nothing:
            return Q(pk__in=[])
        if self.prefix is None:
            return Q()
        upper = str(int(self.prefix) + 1).zfill(len(self.prefix))
        return Q(**{f"{field}__gte": self.prefix, f"{field}__lt": upper})

    def contains(self, region_code: str | None) -> bool:
        if self.nothing:
            return False
        if self.prefix is None:
            return True
        return region_code is not None and region_code.startswith(self.prefix)


NOTHING = Scope(prefix=None, nothing=True)


def scope_for(user: User | AnonymousUser) -> Scope:
    if not isinstance(user, User) or not user.is_active:  # anonymous: nothing
        return NOTHING
    if user.role in (Role.ADMIN, Role.PROVINCE) or user.is_superuser:
        return Scope(prefix=None)
    region = user.region  # None without a query when region_id is None
    if region is None:
        return NOTHING
    return Scope(prefix=region.prefix)


def can_edit(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.role != Role.LEADER


def can_edit_everywhere(user: User) -> bool:
    """Province staff and administrators: may change records of every region."""
    return can_edit(user) and scope_for(user).is_unrestricted


def can_import_patents(user: User) -> bool:
    """Web imports are for province staff and administrators. An export file may hold any
    city's patents, and importing it updates them (legal status, even the region of records
    not placed by hand), which city staff may not do outside their city."""
    return can_edit_everywhere(user)


def lockout_attempts(*, username: str = "", address: str = "") -> QuerySet[AccessAttempt]:
    """The failed-login records of an account (any address) or of an address (any account);
    of both when both are given. Forgetting them lifts the lock."""
    if not username and not address:
        return AccessAttempt.objects.none()
    return AccessAttempt.objects.filter(
        (Q(username=username) if username else Q(pk__in=[]))
        | (Q(ip_address=address) if address else Q(pk__in=[]))
    )
