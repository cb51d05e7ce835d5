from django.db import transaction

from ipbureau.regions.models import Region
from ipbureau.regions.tree import load_regions


@transaction.atomic
def regions_load() -> int:
    """Create or update every GB/T 2260 region from the vendored data; idempotent.
    Returns how many rows were created or changed."""
    existing = {r.code: (r.name, r.level, r.parent_id) for r in Region.objects.all()}
    rows = sorted(load_regions(), key=lambda r: (r.level, r.code))
    new = [r for r in rows if r.code not in existing]
    changed = [
        r
        for r in rows
        if r.code in existing and existing[r.code] != (r.name, r.level, r.parent_code)
    ]
    # Parents sort first (by level), so one bulk insert satisfies the foreign keys.
    Region.objects.bulk_create(
        [Region(code=r.code, name=r.name, level=r.level, parent_id=r.parent_code) for r in new],
        batch_size=500,
    )
    for r in changed:
        Region.objects.filter(code=r.code).update(
            name=r.name, level=r.level, parent_id=r.parent_code
        )
    return len(new) + len(changed)
