"""Thai place names (tambon, amphoe, province) from data/thai_gazetteer.tsv.

Vendored data: the expanded database of the npm package thai-address-database 0.0.30 (ISC
licence, Sellsuki), one row per tambon: tambon, amphoe, province. Only the data is vendored."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "thai_gazetteer.tsv"


@lru_cache(maxsize=1)
def rows() -> tuple[tuple[str, str, str], ...]:
    with DATA.open(encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        next(reader)
        return tuple((r[0], r[1], r[2]) for r in reader if len(r) == 3)


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    names = set()
    for tambon, amphoe, province in rows():
        names.update((tambon, amphoe, province))
    return frozenset(n for n in names if n)


@lru_cache(maxsize=1)
def tambon_names() -> frozenset[str]:
    return frozenset(r[0] for r in rows())


@lru_cache(maxsize=1)
def amphoe_names() -> frozenset[str]:
    return frozenset(r[1] for r in rows())


@lru_cache(maxsize=1)
def province_names() -> frozenset[str]:
    return frozenset(r[2] for r in rows())
