"""Rows of uploaded CSV and XLSX tables."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from hamkari.spreadsheets import TableError, read_rows


def test_it_reads_csv_with_a_bom() -> None:
    assert read_rows("\ufeffname,region\nگیلان,IR-01\n".encode(), "csv") == [
        ["name", "region"],
        ["گیلان", "IR-01"],
    ]


def test_it_reads_the_first_sheet_with_dates_as_iso_and_empty_cells_as_blank() -> None:
    book = Workbook()
    book.active.append(["due", "note", "count"])
    book.active.append([dt.datetime(2026, 1, 20), None, 3])
    out = io.BytesIO()
    book.save(out)
    assert read_rows(out.getvalue(), "xlsx") == [["due", "note", "count"], ["2026-01-20", "", "3"]]


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        ("name\nاصفهان\n".encode("cp1256"), "csv", "not UTF-8"),
        (b"name,region\n", "xlsx", "not an XLSX workbook"),
    ],
)
def test_it_rejects_what_is_not_a_table(data: bytes, fmt: str, message: str) -> None:
    with pytest.raises(TableError, match=message):
        read_rows(data, fmt)
