"""The column vocabulary of spreadsheet 台账: which header means which record field.

One place for both directions: the exporter writes headers with :func:`common_header` and
:func:`field_header`, and :class:`Vocabulary` recognises those (and the headers offices already
use: 日期, 活动名称, 类型, ``发放宣传资料（份）`` …), so an export always imports back.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from fzlog.kinds import Field, Kind, Registry
from fzlog.messages import MESSAGES, t

# Common record keys a column may hold (besides the kind's own fields), in export order.
COMMON_COLUMNS = ("date", "kind", "title", "place", "tags", "note", "evidence")

# Headers offices write for the common keys: (primary, secondary). A primary header wins over a
# secondary one when two columns name the same key (日期 beats 时间).
_COMMON_ALIASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "date": (("日期", "活动日期", "开展日期", "工作日期", "date"), ("时间", "活动时间", "开展时间", "日期时间")),
    "kind": (("类型", "类别", "活动类型", "记录类型", "工作类型", "类型代码", "kind"), ("分类", "活动类别")),
    "title": (("标题", "活动名称", "活动标题", "工作名称", "title"), ("名称", "会议名称", "活动主题")),
    "place": (("地点", "活动地点", "place"), ("地址", "场所")),
    "tags": (("标签", "tags"), ("关键词",)),
    "note": (("备注", "note"), ("说明",)),
    "evidence": (("佐证材料", "evidence"), ("佐证", "佐证资料", "附件")),
}
# When no column is a title, the first of these becomes it (主题 is otherwise publicity's theme,
# 事项 counsel's matter: a 法律顾问 台账 names each service in its 事项 column).
TITLE_FALLBACK = (
    "主题",
    "活动内容",
    "工作内容",
    "内容",
    "事项",
    "工作事项",
    "服务事项",
    "事项名称",
    "事项内容",
    "案件名称",
    "案由",
    "文件名称",
    "合同名称",
    "考试名称",
    "培训名称",
    "会议主题",
)
# Columns that are never imported: running numbers, fzlog's record id and file path.
IGNORED = ("序号", "编号", "id", "path", "文件", "label", "no", "no.")
# A row whose first filled cell says this is a totals row, not an activity.
TOTALS_WORDS = ("合计", "总计", "小计", "total", "totals", "sum")

_UNIT_SUFFIX = re.compile(r"\s*[(\[【]([^()\[\]【】]*)[)\]】]\s*$")
_SPACES = re.compile(r"\s+")


def normalise(header: object) -> str:
    """A header as compared: NFKC (full-width brackets become ASCII), no spaces, no ``*``
    required-markers or trailing colons, lower case."""
    s = unicodedata.normalize("NFKC", "" if header is None else str(header))
    s = _SPACES.sub("", s).strip("*:")
    return s.lower()


def strip_unit(normalised: str) -> str:
    """``发放宣传资料(份)`` → ``发放宣传资料``."""
    return _UNIT_SUFFIX.sub("", normalised) or normalised


def common_header(key: str) -> str:
    """The exported header of a common key (日期, 类型, 标题 …; English with --lang en)."""
    return t(f"label.{key}")


def field_header(field: Field) -> str:
    """The exported header of a field: its label with its unit, as 台账 write it: 发放宣传资料（份）."""
    unit = field.display_unit()
    return f"{field.display_label()}（{unit}）" if unit else field.display_label()


def merged_field_header(fields: Iterable[Field]) -> str:
    """One header for a field name several kinds share (a mixed CSV): the distinct labels joined by
    "/", with the unit when they agree — 参加人数/参与人数/参训人数（人）."""
    fields = list(fields)
    headers = list(dict.fromkeys(field_header(f) for f in fields))
    if len(headers) == 1:
        return headers[0]
    labels = "/".join(dict.fromkeys(f.display_label() for f in fields))
    units = {f.display_unit() for f in fields} - {""}
    return f"{labels}（{units.pop()}）" if len(units) == 1 else labels


# How sure a mapping is; when two columns name one field, the surer one is imported.
RANK = {"map": 0, "exact": 1, "alias": 2, "guess": 3}


@dataclass(frozen=True)
class Guess:
    target: str | None  # a common key (date, title …), a field name, or None: not imported
    how: str  # "exact", "alias" (a secondary header), "guess" (a close match), "ignored", "unknown"


class Vocabulary:
    """Every header a ledger's registry answers to. Fields of ``first`` (the sheet's kind) win when
    two kinds use one label for different fields."""

    def __init__(self, registry: Registry, first: Kind | None = None):
        self.common: dict[str, tuple[str, str]] = {}  # normalised header → (key, how)
        for key, (primary, secondary) in _COMMON_ALIASES.items():
            for how, names in (("exact", primary), ("alias", secondary)):
                for name in names:
                    self.common.setdefault(normalise(name), (key, how))
        for key in (*COMMON_COLUMNS, "id"):  # the labels fzlog itself writes, in both languages
            for text in MESSAGES[f"label.{key}"]:
                self.common.setdefault(normalise(text), ("id" if key == "id" else key, "exact"))
        self.fields: dict[str, str] = {}  # normalised header → field name
        kinds = ([first] if first else []) + [k for k in registry if k is not first]
        for kind in kinds:  # each field's name, labels, aliases, and each with its units run on
            for f in kind.all_fields:
                units = [u for u in (f.unit, f.unit.replace("/", ""), *f.units, f.show_unit) if u]
                spellings = [f.name, f.label, f.label_en, *f.aliases]
                for text in spellings + [n + u for n in spellings if n for u in units] + [f.label_en + f.unit_en]:
                    if text and text != f.unit_en:
                        self.fields.setdefault(normalise(text), f.name)

    def target(self, name: str) -> str | None:
        """The common key or field name ``name`` (a header, a label or a field name) stands for."""
        n = normalise(name)
        for candidate in (n, strip_unit(n)):
            if candidate in self.common:
                key = self.common[candidate][0]
                return None if key == "id" else key
            if candidate in self.fields:
                return self.fields[candidate]
        return None

    def guess(self, header: object) -> Guess:
        n = normalise(header)
        if not n:
            return Guess(None, "unknown")
        base = strip_unit(n)
        if n in IGNORED or base in IGNORED:
            return Guess(None, "ignored")
        for candidate in (n, base):
            if candidate in self.common:
                key, how = self.common[candidate]
                return Guess(None, "ignored") if key == "id" else Guess(key, how)
            if candidate in self.fields:
                return Guess(self.fields[candidate], "exact")
        if "/" in base:  # a merged header of a mixed export: every part names the same field
            targets = {self.target(part) for part in base.split("/") if part}
            if len(targets) == 1 and None not in targets:
                return Guess(targets.pop(), "exact")
        keys = [*self.common, *self.fields]
        close = difflib.get_close_matches(base, keys, n=1, cutoff=0.75)
        if close:
            key = close[0]
            target = self.common[key][0] if key in self.common else self.fields[key]
            if target != "id":
                return Guess(target, "guess")
        return Guess(None, "unknown")


def header_scale(field: Field, header: object) -> int:
    """Stored units per bare number in a column: by the unit its header names (罚没款（万元） over
    a 元 field: 10 000; 罚没款（元）: 1), else by the field's shown unit (values.parse's default)."""
    m = _UNIT_SUFFIX.search(normalise(header))
    if m:
        from fzlog.values import _units_of

        known = dict(_units_of(field, ()))
        if m[1] in known:
            return known[m[1]]
    return field.scale


def is_title_fallback(header: object) -> bool:
    return strip_unit(normalise(header)) in TITLE_FALLBACK


def is_totals_word(text: object) -> bool:
    return normalise(text) in TOTALS_WORDS
