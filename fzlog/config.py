"""A ledger's own settings, ``fzlog.toml``: 机关名称, region, target profile, extra kinds.

Sections that later features read (``targets``, ``report``) are kept as raw tables in
``Config.raw``; each feature parses its own section.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fzlog.errors import FzlogError
from fzlog.messages import t

CONFIG_NAME = "fzlog.toml"
PROFILES = ("national", "xinjiang", "national-xuefa")


@dataclass(frozen=True)
class Config:
    org: str = ""
    region: str = ""
    profile: str = "national"
    kinds: Mapping[str, Any] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None


def read_toml(path: Path) -> dict[str, Any]:
    """Read a settings TOML file, turning syntax errors into a message with file and line."""
    from fzlog import encoding

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FzlogError(t("record.unreadable", reason=exc.strerror or exc), path=path) from None
    text, problem = encoding.decode(raw)
    if isinstance(problem, encoding.Legacy):
        raise FzlogError(t("config.encoding", encoding=problem.label), path=path)
    if isinstance(problem, encoding.BadBytes):
        raise FzlogError(t("encoding.bad_bytes", byte=f"0x{problem.byte:02x}"), path=path, line=problem.line)
    assert text is not None  # decode gives text exactly when it finds no problem
    import tomllib  # (not needed for --help)

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        raise FzlogError(t("config.syntax", path=path, line=m[1] if m else "?", reason=str(exc))) from None
    except RecursionError:  # hostile input: thousands of nested [[[[ …
        raise FzlogError(t("config.syntax", path=path, line=1, reason=t("record.too_deep"))) from None
    except ValueError as exc:  # an integer of thousands of digits (Python's int() refuses it)
        raise FzlogError(t("config.syntax", path=path, line="?", reason=exc)) from None


def load(path: Path) -> Config:
    """The settings of ``path``; every value's type and range checked (:mod:`fzlog.schema`), a
    mistake named by its key."""
    from fzlog import schema

    data = read_toml(path)
    found = schema.first_problem(data)
    if found is not None:
        raise FzlogError(t("config.bad_value", path=path, key=found[0] or "—", reason=found[1]))

    def text(key: str, default: str = "") -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise FzlogError(t("config.bad_value", path=path, key=key, reason=t("reason.text")))
        return value

    kinds = data.get("kinds", {})
    if not isinstance(kinds, dict):
        raise FzlogError(t("config.bad_value", path=path, key="kinds", reason=t("reason.table")))
    return Config(
        org=text("org"), region=text("region"), profile=text("profile", "national"), kinds=kinds, raw=data, path=path
    )


def render_new(org: str, profile: str, region: str = "", preset: str = "") -> str:
    """The text of a new ledger's fzlog.toml (``preset``: the department type, fzlog init --type)."""
    import tomli_w

    body = tomli_w.dumps({"org": org, "region": region, "profile": profile, **({"preset": preset} if preset else {})})
    return (
        "# fzlog 台账配置（机关名称、所在地区、指标方案）。\n# 可在此增加记录类型或字段，见 README“配置文件”。\n" + body
    )
