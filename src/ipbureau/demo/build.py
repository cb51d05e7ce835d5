"""Building the demo database: import the generated records, create the demo logins, set the
targets and population, then the demo cases and 12330 centre, all on one time axis ending at
`until` (the command's default: today)."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ipbureau.accounts.models import Role, User
from ipbureau.demo.cases import demo_enforcement_build
from ipbureau.demo.patents import records_end, write_demo_csv
from ipbureau.demo.tables import (
    DEFAULT_COUNT,
    DEFAULT_FIRST_YEAR,
    DEFAULT_GROWTH,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DEMO_USERS,
)
from ipbureau.demo.targets import demo_targets_build
from ipbureau.patents.importer import patents_import
from ipbureau.patents.models import ImportRun, Placement
from ipbureau.patents.selectors import patent_list
from ipbureau.regions.models import Region
from ipbureau.regions.services import regions_load


def demo_build(
    *, count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED, until: date | None = None
) -> dict[str, Any]:
    """Import the demo records (filed up to the end of the last full month before `until`;
    default: the date the demo in this database was built for, else today), create the demo logins, set the targets and population of every demo
    year (under result["targets"]), then the demo cases and 12330 centre up to `until`
    (`cases.demo_enforcement_build`, under result["enforcement"]); safe to run again with
    the same `until`.

    The importer upserts by application number, so a second run inserts nothing (it records
    one more ImportRun, which is the log of that run, not data). Existing demo users are left
    as they are: someone may have changed their password on purpose.
    Loads the regions first if `ipbureau init` has not.
    """

    # Demo users and placement need the region table; loading it is idempotent.
    if not Region.objects.filter(code=settings.IPBUREAU_PROVINCE.ljust(6, "0")).exists():
        regions_load()
    until = until or demo_built_until() or timezone.localdate()
    if until > timezone.localdate():
        raise ValueError("the demo cannot end after today")
    users_created = _ensure_demo_users()
    with tempfile.TemporaryDirectory(prefix="ipbureau-demo-") as tmp:
        path = Path(tmp) / f"demo-seed{seed}-n{count}-until{until.isoformat()}.csv"
        rows = write_demo_csv(path, count=count, seed=seed, until=until)
        run = patents_import(path=path, file_name=path.name)
    if run.status != ImportRun.Status.COMMITTED:
        problems = "; ".join(p["message"] for p in run.problems[:5])
        raise RuntimeError(f"demo import was not committed ({run.status}): {problems}")
    result: dict[str, Any] = {
        "rows": rows,
        "seed": seed,
        "until": until,
        "records_end": records_end(until),
        "import_run": run.pk,
        **{
            k: getattr(run, k) for k in ("inserted", "updated", "unchanged", "rejected", "unplaced")
        },
        "users": [u.username for u in DEMO_USERS],
        "users_created": users_created,
    }
    result.update(demo_distribution())
    years = list(range(DEFAULT_FIRST_YEAR, records_end(until).year + 1))
    result["targets"] = demo_targets_build(
        seed=seed, years=years, growth=DEFAULT_GROWTH, user=User.objects.get(username="sheng")
    )
    # cases, campaigns, 12330
    result["enforcement"] = demo_enforcement_build(seed=seed, until=until)
    return result


DEMO_FILE = re.compile(r"demo-seed\d+-n\d+-until(\d{4}-\d{2}-\d{2})\.csv")


def demo_built_until() -> date | None:
    """The end date the demo in this database was first built for, from its import's file
    name. `python3 run.py demo` builds on every start: without this a start in a later month
    would import a second, differently drawn record set next to the first."""
    names = (
        ImportRun.objects.filter(status=ImportRun.Status.COMMITTED, file_name__startswith="demo-")
        .order_by("started_at", "pk")
        .values_list("file_name", flat=True)
    )
    for name in names:
        if match := DEMO_FILE.fullmatch(name):
            return date.fromisoformat(match[1])
    return None


def _ensure_demo_users() -> list[str]:

    created = []
    with transaction.atomic():
        for spec in DEMO_USERS:
            if User.objects.filter(username=spec.username).exists():
                continue
            user = User(
                username=spec.username, role=spec.role, region_id=spec.region,
                last_name=spec.label, is_superuser=spec.superuser, is_staff=spec.superuser,
            )  # fmt: skip
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.append(spec.username)
    return created


def demo_distribution() -> dict[str, Any]:
    """Where the resolver put the patents: per city of the deployment province, elsewhere in
    China, abroad, and waiting for review. Read through the patents selectors, as an
    unrestricted user sees them."""

    # Selectors take the acting user; an unsaved admin-role user stands for "unrestricted"
    # without depending on the demo admin account still existing.
    viewer = User(username="demo-viewer", role=Role.ADMIN, is_active=True)
    province = settings.IPBUREAU_PROVINCE
    cities = {
        r.name: patent_list(viewer, region=r.code).count()
        for r in Region.objects.filter(parent_id=province.ljust(6, "0"))
    }
    everything = patent_list(viewer)
    in_province = patent_list(viewer, region=province.ljust(6, "0")).count()
    foreign = everything.filter(placement=Placement.FOREIGN).count()
    unplaced = everything.filter(placement=Placement.UNPLACED).count()
    return {
        "cities": dict(sorted(cities.items(), key=lambda kv: -kv[1])),
        "in_province": in_province,
        "province_only": in_province - sum(cities.values()),
        "other_provinces": everything.filter(region__isnull=False).count() - in_province,
        "foreign": foreign,
        "placed_unplaced": unplaced,
    }
