"""Side-by-side comparison of two saved versions of an item."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class FieldDiff:
    field: str
    old: str
    new: str
    changed: bool
    lines: tuple[tuple[str, str, str], ...] = ()   # (tag, old line, new line); tag in equal/replace/delete/insert


def _lines(text: str) -> list[str]:
    return [line for line in text.replace("\r\n", "\n").split("\n")]


def compare(old: dict, new: dict, fields: list[str]) -> list[FieldDiff]:
    out = []
    for name in fields:
        a, b = str(old.get(name) or ""), str(new.get(name) or "")
        rows: list[tuple[str, str, str]] = []
        if a != b:
            la, lb = _lines(a), _lines(b)
            for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=la, b=lb, autojunk=False).get_opcodes():
                left, right = la[i1:i2], lb[j1:j2]
                for k in range(max(len(left), len(right))):
                    rows.append((tag, left[k] if k < len(left) else "", right[k] if k < len(right) else ""))
        out.append(FieldDiff(name, a, b, a != b, tuple(rows)))
    return out
