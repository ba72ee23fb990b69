"""Framework data files: parse, validate (errors name the file and line), resolve `extends`,
and load into the database. Adding a year is adding a file; no code changes."""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

FRAMEWORK_DIR = Path(__file__).resolve().parent / "frameworks"
INSTRUMENT_CODES = ("IIT", "EIT", "OIT")


@dataclass
class FrameworkError(Exception):
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class _Loader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping = _Marked(mapping)
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {k.value: k.start_mark.line + 1 for k, _ in node.value if hasattr(k, "value")}
    return mapping


class _Marked(dict):
    line = 0
    key_lines: dict = {}


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def parse_file(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise FrameworkError(str(path), line, f"YAML syntax: {exc.problem}") from exc
    if not isinstance(data, dict):
        raise FrameworkError(str(path), 1, "the file must be a mapping with fiscal_year, instruments, oit_items")
    return data


def _line(node, key=None) -> int:
    if key is not None and isinstance(node, _Marked) and key in node.key_lines:
        return node.key_lines[key]
    return getattr(node, "line", 0)


def _require(cond: bool, path: Path, node, key, message: str) -> None:
    if not cond:
        raise FrameworkError(str(path), _line(node, key), message)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def validate(data: dict, path: Path) -> None:
    """Raise FrameworkError naming the line of the first problem."""
    req = lambda cond, node, key, msg: _require(cond, path, node, key, msg)  # noqa: E731
    req(isinstance(data.get("fiscal_year"), int) and 2500 < data["fiscal_year"] < 2700, data, "fiscal_year",
        "fiscal_year must be a Buddhist-era year such as 2566")
    req(path.stem == str(data["fiscal_year"]), data, "fiscal_year", f"file name {path.name} does not match fiscal_year")
    req(isinstance(data.get("title_th"), str) and data["title_th"].strip(), data, "title_th", "title_th is required")
    instruments = data.get("instruments")
    req(isinstance(instruments, list) and instruments, data, "instruments", "instruments must be a non-empty list")
    codes, numbers, weight = [], set(), 0
    for ins in instruments:
        req(isinstance(ins, dict), data, "instruments", "each instrument must be a mapping")
        req(ins.get("code") in INSTRUMENT_CODES, ins, "code", f"instrument code must be one of {', '.join(INSTRUMENT_CODES)}")
        req(ins["code"] not in codes, ins, "code", f"instrument {ins['code']} appears twice")
        codes.append(ins["code"])
        req(isinstance(ins.get("name_th"), str) and ins["name_th"], ins, "name_th", "name_th is required")
        req(_number(ins.get("weight")) and 0 <= ins["weight"] <= 100, ins, "weight", "weight must be a number 0–100")
        weight += ins["weight"]
        inds = ins.get("indicators")
        req(isinstance(inds, list) and inds, ins, "indicators", "indicators must be a non-empty list")
        for ind in inds:
            req(isinstance(ind, dict) and isinstance(ind.get("number"), int), ind if isinstance(ind, dict) else ins,
                "number", "indicator number must be an integer")
            req(ind["number"] not in numbers, ind, "number", f"indicator {ind['number']} appears twice")
            numbers.add(ind["number"])
            req(isinstance(ind.get("title_th"), str) and ind["title_th"], ind, "title_th", "indicator title_th is required")
    req(abs(weight - 100) < 0.001, data, "instruments", f"instrument weights add up to {weight}, not 100")
    req(_number(data.get("pass_mark")), data, "pass_mark", "pass_mark must be a number")
    bands = data.get("bands")
    req(isinstance(bands, list) and bands, data, "bands", "bands must be a non-empty list")
    for band in bands:
        req(isinstance(band, dict) and isinstance(band.get("label"), str), band if isinstance(band, dict) else data,
            "label", "each band needs a label")
        req(_number(band.get("min_total")), band, "min_total", "band min_total must be a number")
        if "min_each_instrument" in band:
            req(_number(band["min_each_instrument"]), band, "min_each_instrument", "min_each_instrument must be a number")
    req(any(b["min_total"] == 0 for b in bands), data, "bands", "one band must start at min_total 0")
    items = data.get("oit_items")
    req(isinstance(items, list) and items, data, "oit_items", "oit_items must be a non-empty list")
    seen = set()
    for item in items:
        req(isinstance(item, dict), data, "oit_items", "each OIT item must be a mapping")
        code = item.get("code")
        req(isinstance(code, str) and code[:1] in "Oo" and code[1:].isdigit(), item, "code",
            "OIT item code must look like O1, O2 …")
        req(code not in seen, item, "code", f"OIT item {code} appears twice")
        seen.add(code)
        req(item.get("indicator") in numbers, item, "indicator", f"item {code}: indicator {item.get('indicator')} is not defined")
        req(isinstance(item.get("title_th"), str) and item["title_th"], item, "title_th", f"item {code}: title_th is required")
        req(isinstance(item.get("requirements", []), list), item, "requirements", f"item {code}: requirements must be a list")
        req(isinstance(item.get("checks", {}), dict), item, "checks", f"item {code}: checks must be a mapping")


def resolve(path: Path, _seen: tuple = ()) -> dict:
    """Parse a file, applying `extends: <year>` and `oit_items_replace` (items replaced by code)."""
    data = parse_file(path)
    base_year = data.get("extends")
    if base_year is None:
        validate(data, path)
        return data
    _require(isinstance(base_year, int), path, data, "extends", "extends must be a fiscal year such as 2566")
    base_path = path.with_name(f"{base_year}.yaml")
    _require(base_path.exists(), path, data, "extends", f"extends {base_year}: no file {base_path.name}")
    _require(base_path not in _seen, path, data, "extends", "extends forms a loop")
    merged = copy.deepcopy(resolve(base_path, (*_seen, path)))
    for key, value in data.items():
        if key not in ("extends", "oit_items_replace"):
            merged[key] = value
    replacements = data.get("oit_items_replace") or []
    by_code = {item["code"]: i for i, item in enumerate(merged["oit_items"])}
    for item in replacements:
        _require(isinstance(item, dict) and item.get("code") in by_code, path, item if isinstance(item, dict) else data,
                 "code", f"oit_items_replace: {item.get('code') if isinstance(item, dict) else item} is not in {base_year}")
        merged["oit_items"][by_code[item["code"]]] = item
    validate(merged, path)
    return merged


def framework_files() -> list[Path]:
    return sorted(FRAMEWORK_DIR.glob("[0-9][0-9][0-9][0-9].yaml"))


@transaction.atomic
def load_framework(path: Path):
    """Create or update the Framework of one file. Items keep their ids across reloads,
    so results and plan issues that point at them stay valid."""
    from .models import Framework, Indicator, Instrument, OITItem

    data = resolve(path)
    checksum = hashlib.sha256(path.read_bytes()).hexdigest()
    fw, _ = Framework.objects.update_or_create(
        fiscal_year=data["fiscal_year"],
        defaults={
            "title_th": data["title_th"],
            "pass_mark": data["pass_mark"],
            "bands": [dict(b) for b in data["bands"]],
            "source_file": path.name,
            "checksum": checksum,
        },
    )
    indicators = {}
    for pos, ins in enumerate(data["instruments"]):
        instrument, _ = Instrument.objects.update_or_create(
            framework=fw,
            code=ins["code"],
            defaults={"name_th": ins["name_th"], "name_en": ins.get("name_en", ""), "weight": ins["weight"], "position": pos},
        )
        for ind in ins["indicators"]:
            indicators[ind["number"]], _ = Indicator.objects.update_or_create(
                framework=fw, number=ind["number"], defaults={"instrument": instrument, "title_th": ind["title_th"]}
            )
    for pos, item in enumerate(data["oit_items"]):
        code = item["code"].upper()
        OITItem.objects.update_or_create(
            framework=fw,
            code=code,
            defaults={
                "indicator": indicators[item["indicator"]],
                "number": int(code[1:]),
                "position": pos,
                "title_th": item["title_th"],
                "title_en": item.get("title_en") or "",
                "sub_indicator": item.get("sub_indicator") or "",
                "requirements": list(item.get("requirements") or []),
                "requirements_known": bool(item.get("requirements_known", True)),
                "confidence": item.get("confidence") or "",
                "sources": list(item.get("sources") or []),
                "checks": dict(item.get("checks") or {}),
            },
        )
    return fw


def load_all() -> list:
    return [load_framework(p) for p in framework_files()]
