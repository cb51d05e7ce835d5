"""The patent workbook: what a clerk typed stays text, however it begins."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from ipbureau.patents.exports import COLUMNS, patents_workbook
from ipbureau.patents.models import Patent
from ipbureau.patents.tests.factories import make_patent

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://x","y")'


def test_formula_like_title_applicant_address_and_agency_stay_text(regions):
    patent = make_patent(1, applicant="+1+1", agency="@SUM(A1)", address="-2+3")
    Patent.objects.filter(pk=patent.pk).update(title=TITLE)
    sheet = load_workbook(BytesIO(patents_workbook(Patent.objects.all()))).active
    header = [cell.value for cell in sheet[1]]
    assert header == [label for label, _ in COLUMNS]
    row = {label: cell for label, cell in zip(header, sheet[2], strict=True)}
    assert [row[label].value for label in ("名称", "第一申请人", "地址", "专利代理机构")] == [
        TITLE,
        "+1+1",
        "-2+3",
        "@SUM(A1)",
    ]
    assert all(row[label].quotePrefix for label in ("名称", "第一申请人", "地址", "专利代理机构"))
    assert not [cell for line in sheet.iter_rows() for cell in line if cell.data_type == "f"]
    assert row["申请日"].is_date
