"""fzlog kinds: the ledger's kind registry — its kinds, fields, rules, ratios, department
types — and a commented stub for a new kind in fzlog.toml."""

from __future__ import annotations

import click

from fzlog.cli import render
from fzlog.cli.base import command
from fzlog.config import CONFIG_NAME
from fzlog.errors import UsageError
from fzlog.messages import t


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
    return {
        "label": k.display_label(),
        "unit": k.display_unit(),
        "units": list(k.units),
        "aliases": list(k.aliases),
        "zero_reported": k.zero_reported,
        "part": k.part,
        "theme": k.theme,
        "sentence": k.sentence,
        "sentence_zero": k.sentence_zero,
        "custom": k.custom,
        "snapshot_by": k.snapshot_by,
        "presets": [p.label for p in reg.presets.values() if k.slug in p.kinds],
        "fields": [
            {
                "name": f.name,
                "type": f.type,
                "label": f.display_label(),
                "unit": f.display_unit(),
                "show_unit": f.show_unit,
                "aggregate": f.aggregate,
                "aliases": list(f.aliases),
                "units": list(f.units),
                "values": list(f.values),
            }
            for f in k.fields
        ],
        "ratios": [{"name": r.name, "label": r.display_label(), "of": r.of} for r in k.ratios],
    }


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

    from fzlog.errors import FzlogError
    from fzlog.store.ledger import append_config

    lg = state.ledger()
    reg = lg.registry
    if slug in reg or reg.lookup(slug):
        raise UsageError(t("kinds.exists", slug=slug))

    def check(text: str) -> None:
        try:
            reg.merged({slug: tomllib.loads(text)["kinds"][slug]}, CONFIG_NAME)
        except (tomllib.TOMLDecodeError, FzlogError, KeyError) as exc:
            raise UsageError(t("kinds.bad_new", slug=slug, reason=getattr(exc, "message", str(exc)))) from None

    path = append_config(lg.root, STUB.format(slug=slug, label=label or slug, unit=unit), check)
    click.echo(t("kinds.stub_written", slug=slug, path=path))


@command()
@click.argument("kind_name", metavar="[KIND]", required=False, shell_complete=None)
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。")
@click.option(
    "--new", "new_slug", metavar="SLUG", help="在 fzlog.toml 中写入一个新类型的示例（带注释），如 --new safety-check。"
)
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
            render.emit_json(
                {
                    p.name: {"label": p.label, "aliases": list(p.aliases), "kinds": list(p.kinds)}
                    for p in reg.presets.values()
                }
            )
            return
        rows = [
            (
                p.label + (" ✓" if p.name == reg.preset else ""),
                "\n".join("、".join(p.aliases[i : i + 4]) for i in range(0, len(p.aliases), 4)),
                "、".join(reg.get(s).display_label() for s in p.kinds),
            )
            for p in reg.presets.values()
        ]
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
    kind_rows = []
    for k in offered:
        mark = " ★" if preset and k.slug in preset.kinds else " ＊" if k.custom else ""
        lines = [_field_line(f) for f in k.fields]
        lines += [f"{r.display_label()} = {r.of}" for r in k.ratios]
        units = "、".join(dict.fromkeys([k.display_unit(), *k.units]))
        aliases = "\n".join("、".join(k.aliases[i : i + 3]) for i in range(0, len(k.aliases), 3))
        kind_rows.append((k.slug + mark, k.display_label(), units, aliases or "—", "\n".join(lines) or "—"))
    caption = t("kinds.caption_preset", label=preset.label) if preset else t("kinds.caption")
    render.table(
        None,
        [t("label.slug"), t("label.label"), t("label.unit"), t("kinds.aliases"), t("kinds.fields_rules")],
        kind_rows,
        caption=caption,
    )


def _kind_detail(k, reg) -> str:
    """One kind in full, as `fzlog kinds KIND` shows it."""
    out = [
        f"{k.slug}  {k.display_label()}"
        + (f"（{k.label_en}）" if k.label_en and k.label_en != k.display_label() else "")
    ]
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
