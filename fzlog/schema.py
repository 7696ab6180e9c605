"""The types and ranges of ``fzlog.toml``'s values, checked when it is read, each problem naming
its key (``report.kinds.study.fields``) — so that a wrong type is a message, not a traceback in
whichever feature reads the value later.

A spec is ``"str"``, ``"bool"``, ``("int", lo, hi)``, ``[spec]`` (an array of values each
matching spec), or a dict (a table: the keys named are checked, ``"*"`` checks every key; keys
not named are left to the feature that reads the table, which knows its own). Every string
anywhere in the file is also checked against the record limits (:mod:`fzlog.limits`: no control
character, not too long), since labels and texts from the configuration go into reports and
exports.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fzlog import limits
from fzlog.messages import t
from fzlog.period import MAX_YEAR, MIN_YEAR

STR, BOOL = "str", "bool"
YEAR = ("int", MIN_YEAR, MAX_YEAR)

#: ``[report.kinds.<kind>]``: how a kind's tally is worded (report/settings.py, data/report.toml).
PHRASE = {
    "theme": STR,
    "item": STR,
    "verb": STR,
    "label": STR,
    "mode": STR,
    "via": STR,
    "steps_all": STR,
    "steps_suffix": STR,
    "fields": [STR],
    "steps": [STR],
    "field_text": {"*": STR},
    "step_text": {"*": {"*": STR}},
    "name_titles": BOOL,
}

CONFIG = {
    "org": STR,
    "region": STR,
    "profile": STR,
    "preset": STR,
    "commit": BOOL,
    "kinds": {
        "*": {
            "label": STR,
            "label_en": STR,
            "unit": STR,
            "unit_en": STR,
            "aliases": [STR],
            "fields": [
                {
                    "name": STR,
                    "type": STR,
                    "label": STR,
                    "label_en": STR,
                    "unit": STR,
                    "unit_en": STR,
                    "aliases": [STR],
                    "sum": BOOL,
                }
            ],
        }
    },
    "report": {
        "short_name": STR,
        "opening": STR,
        "closing": STR,
        "notable_tags": [STR],
        "parts": [{"title": STR, "content": [STR]}],
        "since": {"*": YEAR},
        "kinds": {"*": PHRASE},
        "themes": [{"name": STR, "part": STR, "heading": STR}],
        "ledger_rows": ("int", 0, 100_000),
    },
    "web": {"password_hash": STR},
}


def problems(data: Any, spec: Any = None, key: str = "") -> Iterator[tuple[str, str]]:
    """Every ``(key, reason)`` where ``data`` does not match ``spec`` (the whole of fzlog.toml
    against :data:`CONFIG` by default), then every string breaking a record limit."""
    yield from _mismatches(data, CONFIG if spec is None else spec, key)
    yield from _bad_strings(data, key)


def first_problem(data: Any, spec: Any = None) -> tuple[str, str] | None:
    return next(problems(data, spec), None)


def _mismatches(value: Any, spec: Any, key: str) -> Iterator[tuple[str, str]]:
    if spec == STR:
        if not isinstance(value, str):
            yield key, t("reason.text")
    elif spec == BOOL:
        if not isinstance(value, bool):
            yield key, t("schema.bool")
    elif isinstance(spec, tuple):
        _, lo, hi = spec
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            yield key, t("schema.int", lo=lo, hi=hi)
    elif isinstance(spec, list):
        if not isinstance(value, list):
            yield key, t("schema.array")
            return
        for i, item in enumerate(value):
            yield from _mismatches(item, spec[0], f"{key}[{i}]")
    elif isinstance(spec, dict):
        if not isinstance(value, dict):
            yield key, t("reason.table")
            return
        for name, item in value.items():
            sub = spec.get(name, spec.get("*"))
            if sub is not None:
                yield from _mismatches(item, sub, f"{key}.{name}" if key else str(name))


def _bad_strings(value: Any, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        problem = limits.text_problem(key, value)
        if problem:
            yield key, problem
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _bad_strings(item, f"{key}[{i}]")
    elif isinstance(value, dict):
        for name, item in value.items():
            found = limits.bad_char(str(name))
            if found:
                yield (
                    f"{key}.{name}" if key else str(name),
                    t("limits.char", field=name, pos=found[0], char=limits.char_name(found[1])),
                )
            yield from _bad_strings(item, f"{key}.{name}" if key else str(name))
