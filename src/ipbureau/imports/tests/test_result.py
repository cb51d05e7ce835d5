"""The rejects file: bad rows with their reasons, safe to open in a spreadsheet."""

import csv

from ipbureau.imports.result import RejectsFile, RowProblem


def test_rejects_file_quotes_raw_content_that_a_spreadsheet_would_evaluate(tmp_path):
    path = tmp_path / "rejects.csv"
    rejects = RejectsFile(path)
    # The raw content begins with the first header: here one named like a formula.
    rejects.write(RowProblem.at(3, "申请号为空", {"@SUM(A1)": "x", "名称": "=1+1"}))
    rejects.close()
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert rows[0] == ["行号", "原因", "原始内容"]
    assert rows[1] == ["3", "第3行：申请号为空", "'@SUM(A1)=x\t名称==1+1"]
