"""Rows of an uploaded CSV or XLSX table (plans, firms, trade figures), all cells as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from hamkari.sources.reasons import Reason


class TableError(ValueError):
    """A file that is not a readable table; callers add where it came from. `template % params`
    is its English line, the template a msgid of the catalogues (hamkari.kb.reasons says it in
    the reader's language), as for sources.inputs.InputError."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(Reason(template, **params))
        self.template, self.params = template, params


def read_rows(data: bytes, fmt: str) -> list[list[str]]:
    """`fmt` is `csv` (UTF-8, with or without a BOM) or `xlsx` (the first sheet; dates as ISO)."""
    if fmt == "xlsx":
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except (zipfile.BadZipFile, InvalidFileException) as exc:  # not a zip, or another kind of file
            raise TableError("the file is not an XLSX workbook") from exc
        except Exception as exc:  # openpyxl raises many types for a damaged workbook: its words kept
            raise TableError("the file is not a readable XLSX workbook: %(fault)s", fault=_line(exc)) from exc
        return [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except UnicodeDecodeError as exc:
        raise TableError("the file is not UTF-8 (byte %(at)s)", at=exc.start) from exc


def _line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:300]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)
