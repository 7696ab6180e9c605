"""fzlog summary (the year's figures) and fzlog kinds (the registry)."""

from __future__ import annotations

import click

from fzlog.cli.base import command

from fzlog.cli import render
from fzlog.cli.options import filter_options, output_options, period_argument
from fzlog.cli.records import load_selected
from fzlog.errors import UsageError
from fzlog.messages import join, quantity, t


def figure_text(kt, *, with_count: bool = False) -> str:
    """A kind's figures as the report reads them, each by its field's rule: 发放宣传资料 2000余份；
    学法主体：中心组 3次、常务会 4次；合格率 100%."""
    from fzlog import values

    kind = kt.kind
    bounds = kt.at_least
    parts = []
    if with_count:
        parts.append(values.figure_text(kt.count, kind.display_unit(), bounds.get("count")))
    groups = kt.groups
    for f in kind.fields:
        if f.aggregate == "group":
            if f.name in groups:
                shares = "、".join(f"{key} {quantity(n, kind.display_unit())}" for key, n in groups[f.name].items())
                parts.append(t("summary.group", label=f.display_label(), shares=shares))
            continue
        if f.name not in kt.fields:
            continue
        value = kt.fields[f.name]
        if f.type == "bool":
            if value:
                parts.append(t("summary.flag_true", label=f.display_label(), n=value))
        elif f.numeric or f.aggregate == "distinct":
            if value or f.aggregate not in ("sum", "distinct"):
                unit = f.show_unit or f.display_unit()
                shown = values.scaled(value, f.scale)
                parts.append(f"{f.display_label()} {values.figure_text(shown, unit, bounds.get(f.name))}")
        elif value not in (None, ""):
            parts.append(f"{f.display_label()} {values.display(value)}")
    for r in kt.ratios.values():
        if r["percent"] is not None:
            parts.append(f"{r['label']} {values.display(r['percent'])}%")
    return join(parts)


def _signed(n) -> str:
    from fzlog import values

    return ("+" if n > 0 else "") + values.display(n) if n else "0"


@command()
@period_argument
@filter_options
@click.option("--by", type=click.Choice(["month", "quarter", "tag"]), default=None,
              help="分组：month 按月、quarter 按季度、tag 按标签。")
@click.option("--compare", "compare_text", metavar="PERIOD",
              help="与另一期间对比（同比），如 --compare 2023；写 prev 表示上一年同期。")
@output_options
@click.pass_obj
def summary(state, period, kinds, tags, grep, by, compare_text, fmt):
    """汇总一个期间的工作数字：每类活动的数量（带单位）、数值字段合计、程序性环节完成数。

    这就是年度报告需要的数字，例如“全年组织集中学习12次，专题研讨4次”。PERIOD 默认今年。

    \b
    示例：
      fzlog summary 2024
      fzlog summary 2024 --compare 2023
      fzlog summary 2024 --by quarter --kind 集中学习
      fzlog summary 2024 --json
    """
    from fzlog import period as period_mod
    from fzlog import tally as tally_mod

    if by and compare_text:
        raise UsageError(t("summary.by_and_compare"))
    if state.rollup:
        if by or compare_text:
            raise UsageError(t("rollup.no_by_compare"))
        return _rollup(state.ledgers(), period, kinds, tags, grep, fmt)
    lg = state.ledger()
    reg = lg.registry
    per, slugs, records = load_selected(lg, period, kinds, tags, grep)
    result = tally_mod.tally(records, reg, per, slugs)
    groups = tally_mod.group(records, reg, per, by) if by else None
    previous = changes = None
    if compare_text:
        cper = per.shifted_years(-1) if compare_text.strip().lower() in ("prev", "上年", "去年") \
            else period_mod.parse(compare_text)
        _, _, prev_records = load_selected(lg, cper, kinds, tags, grep)
        previous = tally_mod.tally(prev_records, reg, cper, slugs)
        changes = tally_mod.change(result, previous)

    if fmt == "json":
        data = result.to_dict()
        if groups is not None:
            data["groups"] = [g.to_dict() for g in groups]
        if previous is not None:
            data["compare"] = previous.to_dict()
            for slug, ch in changes.items():
                data["kinds"].setdefault(slug, tally_mod.KindTally(reg.get(slug)).to_dict())
                data["kinds"][slug]["change"] = ch
        render.emit_json(data)
        return
    if fmt == "csv":
        render.emit_csv(["group", "kind", "label", "measure", "measure_label", "value", "unit"],
                        _csv_rows(result, groups, previous))
        return

    org = lg.config.org
    title = t("summary.title", org=org, period=per.label()).strip()
    if groups is not None:
        rows = []
        for g in groups:
            for slug, kt in g.tally.kinds.items():
                rows.append((g.key, kt.kind.display_label(), quantity(kt.count, kt.kind.display_unit()), figure_text(kt)))
        if not rows:
            click.echo(t("summary.empty"))
            return
        render.table(title, [t("label.group"), t("label.kind"), t("label.count"), t("label.fields")], rows,
                     justify={2: "right"})
        return
    if previous is not None:
        rows = []
        for slug in changes:
            kt, pt = result.get(slug), previous.get(slug)
            kind = reg.get(slug)
            rows.append((kind.display_label(),
                         quantity(kt.count if kt else 0, kind.display_unit()), figure_text(kt) if kt else "",
                         quantity(pt.count if pt else 0, kind.display_unit()), figure_text(pt) if pt else "",
                         _signed(changes[slug]["count"])))
        render.table(title, [t("label.kind"), per.label(), t("label.fields"), previous.period.label(),
                             t("label.fields"), t("label.change")], rows, justify={1: "right", 3: "right", 5: "right"})
        return
    if not result.kinds:
        click.echo(t("summary.empty"))
        return
    rows = [(kt.kind.display_label(), quantity(kt.count, kt.kind.display_unit()), figure_text(kt))
            for kt in result.kinds.values()]
    render.table(title, [t("label.kind"), t("label.count"), t("label.fields")], rows,
                 caption=t("label.records_of", n=result.records), justify={1: "right"})


def _rollup(ledgers, period, kinds, tags, grep, fmt):
    """Per-department tallies and the county total."""
    from fzlog import tally as tally_mod

    parts = []
    for lg in ledgers:
        per, slugs, records = load_selected(lg, period, kinds, tags, grep)
        parts.append((lg, tally_mod.tally(records, lg.registry, per, slugs)))
    total = tally_mod.combine((tl for _, tl in parts), per)
    name = lambda lg: lg.config.org or lg.root.as_posix()
    if fmt == "json":
        render.emit_json({"period": per.to_dict(),
                          "ledgers": [{"org": lg.config.org, "path": lg.root.as_posix(), **tl.to_dict()}
                                      for lg, tl in parts],
                          "total": total.to_dict()})
        return
    if fmt == "csv":
        render.emit_csv(["department", "kind", "label", "measure", "measure_label", "value", "unit"],
                        [row for lg, tl in parts for row in _csv_rows(tl, None, None, name(lg))]
                        + list(_csv_rows(total, None, None, t("rollup.total"))))
        return
    rows = []
    for lg, tl in [*parts, (None, total)]:
        label = name(lg) if lg is not None else t("rollup.total")
        for i, kt in enumerate(tl.kinds.values()):
            rows.append((label if i == 0 else "", kt.kind.display_label(),
                         quantity(kt.count, kt.kind.display_unit()), figure_text(kt)))
        if not tl.kinds:
            rows.append((label, "—", "0", ""))
        rows.append(None)
    render.table(t("rollup.title", period=per.label(), n=len(parts)),
                 [t("label.department"), t("label.kind"), t("label.count"), t("label.fields")], rows,
                 justify={2: "right"})


def _csv_rows(result, groups, previous, first_key=None):
    """One row per figure: count, each field's figure, each group value's count
    (``body=中心组``), each ratio as a percentage (``ratio:pass_rate``)."""
    def rows_of(key, tl):
        for slug, kt in tl.kinds.items():
            label = kt.kind.display_label()
            yield [key, slug, label, "count", t("label.count"), kt.count, kt.kind.display_unit()]
            for f in kt.kind.fields:
                if f.name in kt.fields:
                    value = kt.fields[f.name]
                    yield [key, slug, label, f.name, f.display_label(),
                           value.isoformat() if hasattr(value, "isoformat") else value, f.display_unit()]
            for name, counts in kt.groups.items():
                f = kt.kind.field(name)
                for value, n in counts.items():
                    yield [key, slug, label, f"{name}={value}", f"{f.display_label()}：{value}", n,
                           kt.kind.display_unit()]
            for name, r in kt.ratios.items():
                if r["percent"] is not None:
                    yield [key, slug, label, f"ratio:{name}", r["label"], r["percent"], "%"]

    yield from rows_of(first_key or result.period.label(), result)
    for g in groups or ():
        yield from rows_of(g.key, g.tally)
    if previous is not None:
        yield from rows_of(previous.period.label(), previous)
        from fzlog.tally import change

        for slug, ch in change(result, previous).items():
            kind = (result.get(slug) or previous.get(slug)).kind
            yield [t("label.change"), slug, kind.display_label(), "count", t("label.count"), ch["count"],
                   kind.display_unit()]
            for f in kind.fields:
                if f.name in ch["fields"]:
                    yield [t("label.change"), slug, kind.display_label(), f.name, f.display_label(),
                           ch["fields"][f.name], f.display_unit()]
            for name, diff in ch["ratios"].items():
                yield [t("label.change"), slug, kind.display_label(), f"ratio:{name}",
                       kind.ratio_map[name].display_label(), diff, "%"]


def _field_line(f) -> str:
    """One field as `fzlog kinds` lists it: participants 参加人数（整数，人次，sum）别名 参学人次."""
    parts = [t("type." + f.type)]
    if f.unit:
        parts.append(f.unit + (f"→{f.show_unit}" if f.show_unit else ""))
    if f.aggregate != "none":
        parts.append(t("kinds.rule." + f.aggregate))
    text = f"{f.name}  {f.display_label()}（{'，'.join(parts)}）"
    if f.aliases:
        text += "  " + t("kinds.aliases_of", names="、".join(f.aliases))
    return text


def _kind_json(k, reg) -> dict:
    return {"label": k.display_label(), "unit": k.display_unit(), "units": list(k.units), "aliases": list(k.aliases),
            "zero_reported": k.zero_reported, "part": k.part, "theme": k.theme, "sentence": k.sentence,
            "sentence_zero": k.sentence_zero, "custom": k.custom, "snapshot_by": k.snapshot_by,
            "presets": [p.label for p in reg.presets.values() if k.slug in p.kinds],
            "fields": [{"name": f.name, "type": f.type, "label": f.display_label(), "unit": f.display_unit(),
                        "show_unit": f.show_unit, "aggregate": f.aggregate, "aliases": list(f.aliases),
                        "units": list(f.units), "values": list(f.values)} for f in k.fields],
            "ratios": [{"name": r.name, "label": r.display_label(), "of": r.of} for r in k.ratios]}


STUB = """
# 自定义记录类型 {slug}（由 fzlog kinds --new 写入，按需修改；说明见 docs/kinds.md）
[kinds.{slug}]
label = "{label}"            # 中文名称（报告用语）
unit = "{unit}"                # 计量单位
aliases = []               # 其他叫法，如 ["安全检查"]
# units = ["场次"]          # 数量的其他写法
# zero_reported = false    # 无记录时也报告“0”
# part = "achievements"    # 报告部分：achievements/principal/…
# theme = "其他"            # 报告主题
# sentence = "开展{label}{{count}}{unit}。"
fields = [
  # {{ name = "participants", type = "int", label = "参加人数", unit = "人次" }},          # 合计（sum）
  # {{ name = "category", type = "text", label = "类别", aggregate = "group" }},           # 分类计数
  # {{ name = "headcount", type = "int", label = "在册人数", unit = "人", aggregate = "latest" }},
]
# ratios = [ {{ name = "pass_rate", label = "合格率", of = "passed/sat" }} ]
"""


def _write_stub(state, slug: str, label: str, unit: str) -> None:
    """Append a commented kind to the ledger's fzlog.toml, checked first by reading it back."""
    import tomllib

    from fzlog.config import CONFIG_NAME
    from fzlog.errors import FzlogError
    from fzlog.store.ledger import save_file

    lg = state.ledger()
    reg = lg.registry
    if slug in reg or reg.lookup(slug):
        raise UsageError(t("kinds.exists", slug=slug))
    path = lg.root / CONFIG_NAME
    text = path.read_text("utf-8")
    new = text.rstrip("\n") + "\n" + STUB.format(slug=slug, label=label or slug, unit=unit)
    try:
        data = tomllib.loads(new)
        reg.merged({slug: data["kinds"][slug]}, str(path))
    except (tomllib.TOMLDecodeError, FzlogError, KeyError) as exc:
        raise UsageError(t("kinds.bad_new", slug=slug, reason=getattr(exc, "message", str(exc)))) from None
    try:
        save_file(path, new.encode("utf-8"), force=True)
    except OSError as exc:
        raise FzlogError(t("output.write_failed", path=path, reason=exc.strerror or exc)) from None
    click.echo(t("kinds.stub_written", slug=slug, path=path))


@command()
@click.argument("kind_name", metavar="[KIND]", required=False, shell_complete=None)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.option("--new", "new_slug", metavar="SLUG", help="在 fzlog.toml 中写入一个新类型的示例（带注释），如 --new safety-check。")
@click.option("--label", default="", metavar="TEXT", help="与 --new 同用：新类型的中文名称。")
@click.option("--unit", default="次", show_default=True, metavar="TEXT", help="与 --new 同用：计量单位。")
@click.option("--presets", "show_presets", is_flag=True, help="列出部门类型（fzlog init --type）及其记录类型。")
@click.pass_obj
def kinds(state, kind_name, as_json, new_slug, label, unit, show_presets):
    """列出记录类型：类型代码、中文名、别名、计量单位、字段及其汇总方式、比率。

    给出 KIND 时显示一个类型的全部定义。台账设了部门类型（fzlog init --type）时，本部门常用类型排在前面。
    不在台账目录中运行时，列出 fzlog 自带的默认类型。

    \b
    示例：
      fzlog kinds
      fzlog kinds 学法考试
      fzlog kinds --json
      fzlog kinds --presets
      fzlog kinds --new safety-check --label 安全生产检查 --unit 次
    """
    from fzlog.errors import LedgerNotFound
    from fzlog.kinds import default_registry

    if new_slug:
        return _write_stub(state, new_slug.strip(), label.strip(), unit.strip())
    try:
        reg = state.ledger().registry
    except LedgerNotFound:
        reg = default_registry()
    if show_presets:
        if as_json:
            render.emit_json({p.name: {"label": p.label, "aliases": list(p.aliases), "kinds": list(p.kinds)}
                              for p in reg.presets.values()})
            return
        rows = [(p.label + (" ✓" if p.name == reg.preset else ""),
                 "\n".join("、".join(p.aliases[i:i + 4]) for i in range(0, len(p.aliases), 4)),
                 "、".join(reg.get(s).display_label() for s in p.kinds)) for p in reg.presets.values()]
        render.table(None, [t("label.label"), t("kinds.aliases"), t("kinds.kinds")], rows)
        return
    if kind_name:
        k = reg.resolve(kind_name)
        if as_json:
            render.emit_json({k.slug: _kind_json(k, reg)})
            return
        click.echo(_kind_detail(k, reg))
        return
    offered = reg.offered()
    if as_json:
        render.emit_json({k.slug: _kind_json(k, reg) for k in offered})
        return
    preset = reg.presets.get(reg.preset)
    rows = []
    for k in offered:
        mark = " ★" if preset and k.slug in preset.kinds else " ＊" if k.custom else ""
        lines = [_field_line(f) for f in k.fields]
        lines += [f"{r.display_label()} = {r.of}" for r in k.ratios]
        units = "、".join(dict.fromkeys([k.display_unit(), *k.units]))
        aliases = "\n".join("、".join(k.aliases[i:i + 3]) for i in range(0, len(k.aliases), 3))
        rows.append((k.slug + mark, k.display_label(), units, aliases or "—", "\n".join(lines) or "—"))
    caption = t("kinds.caption_preset", label=preset.label) if preset else t("kinds.caption")
    render.table(None, [t("label.slug"), t("label.label"), t("label.unit"), t("kinds.aliases"),
                        t("kinds.fields_rules")], rows, caption=caption)


def _kind_detail(k, reg) -> str:
    """One kind in full, as `fzlog kinds KIND` shows it."""
    out = [f"{k.slug}  {k.display_label()}" + (f"（{k.label_en}）" if k.label_en and k.label_en != k.display_label() else "")]
    add = lambda key, value: out.append(f"  {t(key)}：{value}") if value else None  # noqa: E731
    add("kinds.unit", "、".join(dict.fromkeys([k.display_unit(), *k.units])))
    add("kinds.aliases", "、".join(k.aliases))
    add("kinds.zero", t("label.yes") if k.zero_reported else "")
    add("kinds.part", "／".join(x for x in (k.part, k.theme) if x))
    add("kinds.sentence", k.sentence)
    add("kinds.sentence_zero", k.sentence_zero)
    add("kinds.snapshot_by", k.snapshot_by)
    add("kinds.presets", "、".join(p.label for p in reg.presets.values() if k.slug in p.kinds))
    add("kinds.custom", t("label.yes") if k.custom else "")
    out.append(f"  {t('kinds.fields_rules')}：")
    for f in k.all_fields:
        line = "    " + _field_line(f)
        if f.values:
            line += "  " + t("kinds.values", values="、".join(f.values))
        out.append(line)
    if k.ratios:
        out.append(f"  {t('kinds.ratios')}：")
        out += [f"    {r.name}  {r.display_label()} = {r.of}" for r in k.ratios]
    return "\n".join(out)
