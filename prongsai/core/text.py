"""Text helpers shared by forms and documents."""

import re

# Leading numbering or bullets a person may type: "๑.", "1)", "(2)", "-", "•", "ข้อ 3".
_LEADING_NUMBER = re.compile(r"^\s*(?:ข้อ\s*)?(?:\(?[0-9๐-๙]{1,3}[.)]|[-•*–])\s*")


def strip_numbering(line: str) -> str:
    return _LEADING_NUMBER.sub("", line, count=1).strip()


def split_items(text: str) -> list[str]:
    """One item per non-empty line, typed numbering removed: numbers are always generated."""
    return [item for item in (strip_numbering(line) for line in (text or "").splitlines()) if item]
