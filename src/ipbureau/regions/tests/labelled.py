"""The labelled address set: labels live in the repo, addresses stay in the shared real data.

`data/gansu_labels.csv` holds only `application_number,expected_code,note`; the address and
postcode are read from the CNIPA 2017 CSVs in the shared real-data folder, so nothing from the real
data is copied into the repository. Shared by the tests and by bench/region_accuracy.py.

How the labels were made (2,156 applications):

* Hard set: every application whose address contains 甘肃 or a Gansu city, prefecture or county
  name (full names, and short forms such as 兰州, 临夏州, 天祝县, 宁县) or whose postcode starts
  with 73/74. Labelled by a rule independent of the resolver (province prefix -> that province;
  甘肃 + city or county -> the city; country prefix -> foreign), then every Gansu one and every
  one not starting with a province name read by eye. Gansu ones carry the city code (`620100`,
  note `gansu`), others the province code (`310000`) or `foreign` (note `hard negative (<the
  Gansu-looking word>)`).
* Sample: 500 other applications drawn with `random.Random(2260)` from the sorted application
  numbers, labelled at province level (note `sample`).

Labels follow the address as written: `甘肃省兰州市508信箱` with a Jiuquan-area postcode is 兰州.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from pathlib import Path

from ipbureau_testing.realdata import realdata_dir

REPO = Path(__file__).resolve().parents[4]
LABELS = Path(__file__).resolve().parent / "data" / "gansu_labels.csv"

GANSU = "62"
FOREIGN = "foreign"


@dataclass(frozen=True, slots=True)
class Labelled:
    application_number: str
    expected: str  # a Gansu city code, a province code (xx0000) or "foreign"
    note: str
    address: str
    postcode: str

    @property
    def gansu(self) -> bool:
        return self.expected.startswith(GANSU)


def read_labels() -> dict[str, tuple[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as fh:
        return {
            r["application_number"]: (r["expected_code"], r["note"]) for r in csv.DictReader(fh)
        }


def load_labelled(root: Path | None = None) -> list[Labelled]:
    """Every real-data row whose application number is labelled (an application can appear in
    several weekly files; each row is checked). Empty if the real data is absent."""
    cnipa = (root or realdata_dir()) / "cnipa-2017"
    labels = read_labels()
    out: list[Labelled] = []
    for path in sorted(cnipa.glob("*/*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) != 10:  # a record broken across lines
                    continue
                label = labels.get(row[0])
                if label is not None:
                    out.append(Labelled(row[0], label[0], label[1], row[8], row[9]))
    return out


def read_all_rows(root: Path | None = None) -> list[tuple[str, str, str]]:
    """(application number, address, postcode) of every well-formed real-data row."""
    cnipa = (root or realdata_dir()) / "cnipa-2017"
    out: list[tuple[str, str, str]] = []
    for path in sorted(cnipa.glob("*/*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            out.extend((r[0], r[8], r[9]) for r in csv.reader(fh) if len(r) == 10)
    return out
