"""Reading an import file (CSV in UTF-8 or GB18030, or XLSX) into a header and rows of strings."""

import csv
import datetime as dt
import io

from django.utils.translation import gettext_lazy as _

from gongkai.core.errors import ValidationFailed


class ImportFileError(ValidationFailed):
    """A catalogue file that cannot be read as a table."""

    code = "catalog.unreadable_file"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(name: str, data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    if name.lower().endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:
            raise ImportFileError(_("无法读取 Excel 文件：%(exc)s"), code="catalog.excel_unreadable", exc=exc) from None
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ImportFileError(_("CSV 文件编码无法识别，请保存为 UTF-8"), code="catalog.csv_encoding")
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    if not rows:
        raise ImportFileError(_("文件是空的"), code="catalog.file_empty")
    header = [h.strip() for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    records = []
    for row in rows[1:]:
        records.append({h: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h})
    while records and not any(records[-1].values()):
        records.pop()
    return header, records
