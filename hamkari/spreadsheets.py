"""Rows of an uploaded CSV or XLSX table (plans, firms, trade figures), all cells as text."""

from __future__ import annotations

import csv
import datetime as dt
import io


class TableError(ValueError):
    """A file that is not a readable table; callers add where it came from."""


def read_rows(data: bytes, fmt: str) -> list[list[str]]:
    """`fmt` is `csv` (UTF-8, with or without a BOM) or `xlsx` (the first sheet; dates as ISO)."""
    if fmt == "xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # openpyxl raises many types for a file that is not a workbook
            raise TableError(f"not an XLSX workbook: {exc}") from exc
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except UnicodeDecodeError as exc:
        raise TableError(f"the file is not UTF-8 (byte {exc.start})") from exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)
