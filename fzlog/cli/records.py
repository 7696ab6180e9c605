"""Record commands: add, list, show."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from fzlog.cli import render
from fzlog.cli.base import command, ledger_path
from fzlog.cli.completion import complete_field, complete_id, complete_kind, complete_tag
from fzlog.cli.options import filter_options, output_options, period_argument
from fzlog.cli.problems import warn_skipped
from fzlog.cli.show import show_record
from fzlog.cli.workflow import commit_option, maybe_commit
from fzlog.errors import UsageError, ValueProblem
from fzlog.messages import t
from fzlog.wording import key_figures  # noqa: F401  (also the web's)

if TYPE_CHECKING:
    from fzlog.period import Period


def parse_assignments(kind, assignments, *, today=None) -> dict:
    """``--set FIELD=VALUE`` pairs → typed field values. FIELD may be the field's name or its
    Chinese label. Raises UsageError naming the argument."""
    from fzlog import limits, values
    from fzlog.kinds import COMMON_KEYS, unknown_field_message

    fields: dict = {}
    bounds: dict = {}
    for text in assignments:
        name, sep, raw = text.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(t("field.bad_set", text=text))
        f = kind.field(name) or next((x for x in kind.all_fields if name in (x.label, *x.aliases)), None)
        if f is None:
            if name in COMMON_KEYS:
                option = {"kind": "KIND", "tags": "--tag", "evidence": "--evidence"}.get(name, f"--{name}")
                raise UsageError(t("field.common_key", field=name, option=option))
            raise UsageError(f"--set {text}: " + unknown_field_message(kind, name))
        try:
            parsed = values.parse(f, raw, today=today)
        except ValueProblem as exc:
            raise UsageError(f"--set {limits.short(text, 60)}: {exc.message}") from None
        fields[f.name] = parsed.value
        if parsed.bound:  # 2000余: the number, and the word in at_least
            bounds[f.name] = parsed.bound
    return values.with_bounds(fields, bounds) if bounds else fields


def _prompt_date(default: dt.date) -> dt.date:
    from fzlog import values

    while True:
        raw = click.prompt(t("add.prompt_date"), default=default.isoformat())
        try:
            return values.parse_date(raw, field="date")
        except ValueProblem as exc:
            click.echo(exc.message, err=True)


def _prompt_fields(kind, fields: dict) -> None:
    from fzlog import values

    for f in kind.fields:
        if f.name in fields:
            continue
        while True:
            what = "，".join(
                x
                for x in (
                    t("type." + f.type),
                    f.show_unit or f.display_unit(),
                    t("add.usual", values="、".join(f.values[:6])) if f.values else "",
                )
                if x
            )
            raw = click.prompt(
                t("add.prompt_field", label=f.display_label(), name=f.name, type=what), default="", show_default=False
            )
            if not raw.strip():
                break
            try:
                parsed = values.parse(f, raw)
                fields[f.name] = parsed.value
                if parsed.bound:
                    fields.update(values.with_bounds(fields, {f.name: parsed.bound}))
                break
            except ValueProblem as exc:
                click.echo(exc.message, err=True)


@command()
@click.argument("kind_name", metavar="KIND", shell_complete=complete_kind)
@click.option("--title", "-t", help="活动标题，如“国家宪法日法治宣传活动”。")
@click.option(
    "--date",
    "-d",
    "date_text",
    metavar="DATE",
    help="活动日期（默认今天）：2024-03-15、2024/3/15、2024年3月15日、3月15日、今天、昨天。",
)
@click.option(
    "--set",
    "-s",
    "assignments",
    multiple=True,
    metavar="FIELD=VALUE",
    shell_complete=complete_field,
    help="类型字段的值，如 --set materials=300；可重复。字段名也可用中文名。",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    shell_complete=complete_tag,
    help="标签，如 --tag 国家宪法日；可重复。",
)
@click.option("--note", default="", help="备注。")
@click.option("--place", default="", help="地点。")
@click.option(
    "--evidence", multiple=True, metavar="REF", help="佐证材料的位置或说明（签到表、照片、会议记录）；可重复。"
)
@click.option(
    "--attach",
    multiple=True,
    metavar="FILE",
    help="把文件（照片、签到表、会议纪要）复制到记录旁的 evidence/ 目录并记入佐证材料；可重复。",
)
@click.option("--interactive", "-i", is_flag=True, help="逐项询问标题和各字段（在终端且未给 --title 时自动进入）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出新记录的编号和路径。")
@commit_option
@click.pass_obj
def add(
    state, kind_name, title, date_text, assignments, tags, note, place, evidence, attach, interactive, as_json, commit
):
    """记一条活动记录：每项活动一个文件，存于 <年>/<年-月-日>/ 目录下。

    KIND 可用类型代码或中文名（运行 `fzlog kinds` 查看全部类型及其字段）。

    \b
    示例：
      fzlog add 法治宣传活动 --title "国家宪法日法治宣传活动" --date 2024-12-04 \\
          --set materials=300 --set consultations=45 --set theme=国家宪法日 \\
          --tag 国家宪法日 --place 于田县巴扎 --attach 签到表.jpg --attach 现场照片.jpg
      fzlog add study -t "学习《行政复议法》" -d 昨天 -s participants=18 -s hours=2
      fzlog add 集中学习 -i        （逐项询问）
    """
    from fzlog import values
    from fzlog.record import Record

    lg = state.ledger()
    kind = lg.registry.resolve(kind_name)
    try:
        date = values.parse_date(date_text, field="--date") if date_text else dt.date.today()
    except ValueProblem as exc:
        raise UsageError(exc.message) from None
    fields = parse_assignments(kind, assignments)
    if interactive or (title is None and sys.stdin.isatty()):
        title = title or click.prompt(t("add.prompt_title"))
        if not date_text:
            date = _prompt_date(date)
        _prompt_fields(kind, fields)
    if title is None:
        raise UsageError(t("add.missing_title", kind=kind.slug))
    if not title.strip():
        raise UsageError(t("value.empty_title"))
    refs = [e.strip() for e in evidence if e.strip()]
    attached = []
    if attach:
        from fzlog.store import evidence as evidence_mod

        attached = evidence_mod.attach(lg, date, attach)
        refs += attached
    rec = Record(
        kind=kind.slug,
        date=date,
        title=title.strip(),
        place=place.strip(),
        tags=tuple(dict.fromkeys(x.strip() for x in tags if x.strip())),
        note=note.strip(),
        evidence=tuple(dict.fromkeys(refs)),
        fields=fields,
    )
    rec = lg.add(rec)
    if rec.date > dt.date.today():
        render.warn(t("add.future_date", date=rec.date, id=rec.short_id))
    rel = ledger_path(rec.path, lg.root)
    if as_json:
        render.emit_json({"id": rec.id, "path": rec.path.as_posix()})
    else:
        click.echo(t("add.done", id=rec.id, path=rel))
    maybe_commit(lg, commit, [rec.path, *(rec.path.parent / ref for ref in attached)], f"add {rec.id} {rec.title}")


@command("list")
@period_argument
@filter_options
@output_options
@click.pass_obj
def list_(state, period, kinds, tags, grep, fmt):
    """按日期列出记录。PERIOD 默认今年。

    \b
    PERIOD 写法：2024、2024-Q3（或 2024q3）、2024-03、2024-03-15、2020..2024、
                 2024-01-01..2024-06-30
    示例：
      fzlog list 2024 --kind 法治宣传活动
      fzlog list 2024-Q4 --tag 国家宪法日
      fzlog list 2024 --grep 宪法 --json
    """
    from fzlog.query import drain, selected_years

    lg = state.ledger()
    reg = lg.registry
    # (a year of records at a time: a listing of 100,000 records is never held whole, and each
    # record is let go of once its output is made)
    if fmt == "json":
        years = years_selected(lg, period, kinds, tags, grep)[2]
        render.emit_json_items(r.to_dict() for year in years for r in drain(year))
        return
    if fmt == "csv":
        from fzlog.exchange.exporter import Seen, same_as

        _, _, years, read = years_selected(lg, period, kinds, tags, grep)
        names: dict[str, None] = {}
        seen = None if read else Seen()
        for year in years:
            for r in year:
                names.update(dict.fromkeys(r.fields))
                if seen is not None:
                    seen.add(r)
        field_names = list(names)
        if not read:  # (the header names every field: the years let go of then are read again,
            # and must be the same records)
            years = same_as(seen, selected_years(lg, period, kinds, tags, grep)[2])
        header = ["id", "date", "kind", "label", "title", "place", "tags", "note", "evidence", "path", *field_names]

        def row(r):
            k = reg.get(r.kind)
            return [
                r.id,
                r.date.isoformat(),
                r.kind,
                k.label if k else "",
                r.title,
                r.place,
                "、".join(r.tags),
                r.note,
                "、".join(r.evidence),
                r.path.as_posix() if r.path else "",
                *[_csv_value(r.fields[n]) if n in r.fields else "" for n in field_names],
            ]

        render.emit_csv(header, (row(r) for year in years for r in drain(year)))
        return
    _, _, chunks, problems = selected_years(lg, period, kinds, tags, grep)
    rows = [
        (r.date.isoformat(), r.short_id, reg.get(r.kind).display_label(), r.title, key_figures(r, reg))
        for year in chunks
        for r in drain(year)
    ]
    warn_skipped(problems)
    if not rows:
        click.echo(t("list.empty"))
        return
    count = len(rows)
    columns = [t("label.date"), t("label.id"), t("label.kind"), t("label.title"), t("label.fields")]
    width = render.terminal_width()
    if width is None:  # a file or a pipe: whole rows, for grep
        render.table(None, columns, rows, caption=t("label.records_of", n=count))
        return
    # fitted to the window: date and id whole, titles cut with …, figures ("参与人数 18人次")
    # packed onto as many lines as they need, never cut between a label and its value
    lines = render.fitted_lines(columns, rows, width, keep=(0, 1), wrap_at={4: "；"})
    render.echo_pieces(line + "\n" for line in [*lines, "", t("label.records_of", n=count)])


#: Records ``list`` and ``export`` read whole before writing (about 25 MB of them): up to this
#: many, the files skipped are said first and a CSV header or the Excel sheets are worked out
#: without reading the period twice; a longer period is read as its years are taken.
HOLD_RECORDS = 20_000


def years_selected(lg, period_text, kinds, tags, grep) -> tuple[Period, tuple[str, ...], list | Iterator, bool]:
    """The records ``list`` and ``export`` write, a year at a time (``query.selected_years``): the
    period, the kinds' slugs, the years' records (lists), and whether they are all read already.
    Up to :data:`HOLD_RECORDS` records (or one year's) are read whole and the files skipped are
    said first; a longer period is read as its years are taken, and they are said once the last
    is taken (a long period is not held whole to say them first)."""
    from fzlog.query import selected_years

    period, slugs, chunks, problems = selected_years(lg, period_text, kinds, tags, grep)
    held: list[list] = []
    count = 0
    for chunk in chunks:
        held.append(chunk)
        count += len(chunk)
        if count > HOLD_RECORDS and len(held) > 1:
            break
    else:
        warn_skipped(problems)
        return period, slugs, held, True

    def rest() -> Iterator[list]:
        while held:
            yield held.pop(0)
        yield from chunks
        warn_skipped(problems)

    return period, slugs, rest(), False


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@command()
@click.argument("ref", metavar="ID", shell_complete=complete_id)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.pass_obj
def show(state, ref, as_json):
    """显示一条记录的全部内容。ID 可写全（2024-12-04/publicity-3f9a）或只写末尾（3f9a）。

    \b
    示例：
      fzlog show 3f9a
      fzlog show 2024-12-04/publicity-3f9a --json
    """
    lg = state.ledger()
    rec = lg.get(ref)
    if as_json:
        render.emit_json(rec.to_dict())
        return
    show_record(lg, rec)
