"""Text written into a spreadsheet stays text: a value that Excel or WPS would read as a formula (it starts
with =, +, -, @, a tab or a carriage return) is stored as a string cell marked "quote prefix", so a correction
note reading ``=HYPERLINK("http://…","…")`` is shown as typed and never becomes a live formula or link
(OWASP "CSV injection"; the same holds for XLSX, where openpyxl turns any text starting with = into a formula).
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def keep_text(cell):
    """Mark an openpyxl cell whose text looks like a formula as plain text (numbers are left alone)."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def append_row(sheet, values) -> None:
    """``sheet.append(values)`` with every formula-looking text kept as text."""
    values = list(values)
    sheet.append(values)
    if values:
        for cell in sheet[sheet.max_row]:
            keep_text(cell)
