"""The whole CNIPA 2017 sample through the real import: only its broken lines are rejected
and every labelled Gansu application lands in its city, nothing else in Gansu."""

import pytest

from ipbureau.patents.importer import patents_import
from ipbureau.patents.models import ImportRun, Patent
from ipbureau.patents.numbers import parse_application_number
from ipbureau.regions.tests.labelled import read_labels, realdata_dir

CNIPA = realdata_dir() / "cnipa-2017"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CNIPA.is_dir(), reason="../shared/realdata is absent"),
]


def test_cnipa_2017_imports_with_only_broken_lines_rejected_and_gansu_in_its_cities(regions):
    rejected = []
    for path in sorted(CNIPA.glob("*/*.csv.gz")):
        run = patents_import(path=path, skip_bad=True)
        assert run.status == ImportRun.Status.COMMITTED
        rejected += [(path.name, p["message"]) for p in run.problems]
    # The two records split over lines in the B series of 2017-07-18, nothing else.
    assert len(rejected) == 2
    assert all("字段数" in message for _, message in rejected)

    region_of = dict(Patent.objects.values_list("application_number", "region_id"))
    wrong = []
    for raw_number, (expected, _note) in read_labels().items():
        number = parse_application_number(raw_number).canonical
        region = region_of.get(number)
        if expected.startswith("62"):
            ok = region is not None and region[:4] == expected[:4]
        elif expected == "foreign":
            ok = region is None
        else:
            ok = region is not None and region[:2] == expected[:2]
        if not ok:
            wrong.append((number, expected, region))
    assert wrong == []
    labelled_gansu = {
        parse_application_number(raw).canonical
        for raw, (expected, _) in read_labels().items()
        if expected.startswith("62")
    }
    placed_in_gansu = set(
        Patent.objects.filter(region__code__startswith="62").values_list(
            "application_number", flat=True
        )
    )
    assert placed_in_gansu == labelled_gansu
