"""The message catalog: every user-facing sentence, Chinese first, English on request.

Core modules raise errors and build labels through :func:`t`, so switching the language
(``--lang en`` / ``FZLOG_LANG=en``) never means hunting strings through the code.
"""

from __future__ import annotations

import os

LANGS = ("zh", "en")
_lang = "en" if os.environ.get("FZLOG_LANG", "").lower().startswith("en") else "zh"


def set_lang(lang: str) -> None:
    global _lang
    _lang = "en" if lang.lower().startswith("en") else "zh"


def get_lang() -> str:
    return _lang


# key -> (Chinese, English). Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    # ledger discovery and layout
    "ledger.not_found": (
        "找不到台账：当前目录及上级目录中都没有 data/fzlog.toml。\n"
        "请先运行 `fzlog init --org 机关名称` 新建台账，或用 --ledger 目录 / 环境变量 FZLOG_LEDGER 指定台账位置。",
        "No ledger found: no data/fzlog.toml in this directory or above.\n"
        "Run `fzlog init --org NAME` to create one, or point to it with --ledger DIR or FZLOG_LEDGER.",
    ),
    "ledger.not_a_ledger": (
        "{path} 不是台账目录（缺少 fzlog.toml）。请运行 `fzlog init {path} --org 机关名称`。",
        "{path} is not a ledger (no fzlog.toml). Run `fzlog init {path} --org NAME`.",
    ),
    "ledger.exists": (
        "{path} 已经是台账目录（已有 fzlog.toml），未作任何改动。",
        "{path} is already a ledger (fzlog.toml exists); nothing changed.",
    ),
    "ledger.write_failed": (
        "无法写入记录文件 {path}：{reason}。台账未作改动。",
        "Could not write record file {path}: {reason}. The ledger is unchanged.",
    ),
    "ledger.no_id": (
        "找不到记录 {ref}。可用 `fzlog list` 查看记录编号。",
        "No record {ref}. Use `fzlog list` to see record ids.",
    ),
    "ledger.ambiguous_id": (
        "记录编号 {ref} 不唯一，可能是：{candidates}。请写出更长的编号。",
        "Record id {ref} is ambiguous: {candidates}. Give more of the id.",
    ),
    "ledger.bad_id": (
        "记录编号 {ref} 无效：编号形如 2024-12-04/publicity-3f9a 或其末尾部分 3f9a。",
        "Invalid record id {ref}: ids look like 2024-12-04/publicity-3f9a, or a suffix such as 3f9a.",
    ),
    "ledger.skipped": (
        "警告：跳过了 {count} 个有问题的记录文件（{first} 等）。运行 `fzlog validate` 查看详情。",
        "warning: skipped {count} record file(s) with problems ({first} …). Run `fzlog validate` for details.",
    ),
    # config
    "config.syntax": (
        "{path}:{line}: 配置文件格式错误：{reason}",
        "{path}:{line}: config file is not valid TOML: {reason}",
    ),
    "config.bad_value": (
        "{path}: 配置项 {key} 无效：{reason}",
        "{path}: config key {key} is invalid: {reason}",
    ),
    # kinds
    "kind.unknown": (
        "未知的记录类型“{name}”。{hint}可用类型：{choices}",
        "Unknown kind '{name}'. {hint}Known kinds: {choices}",
    ),
    "kind.did_you_mean": ("您是不是要输入“{guess}”？", "Did you mean '{guess}'? "),
    "field.unknown": (
        "类型“{kind}”没有字段“{field}”。{hint}可用字段：{choices}",
        "Kind '{kind}' has no field '{field}'. {hint}Its fields: {choices}",
    ),
    "field.none": ("（无）", "(none)"),
    "field.common_key": (
        "“{field}”是通用字段，请用 --{field} 选项填写，不要用 --set。",
        "'{field}' is a common field: use the --{field} option, not --set.",
    ),
    "field.bad_set": (
        "--set 的写法是 字段=值，例如 --set materials=300；收到的是“{text}”。",
        "--set takes FIELD=VALUE, e.g. --set materials=300; got '{text}'.",
    ),
    "value.int": ("“{field}”应为非负整数，收到“{value}”。", "'{field}' must be a whole number ≥ 0, got '{value}'."),
    "value.negative": ("“{field}”不能为负数，收到 {value}。", "'{field}' cannot be negative, got {value}."),
    "value.float": ("“{field}”应为数字（如 2 或 1.5），收到“{value}”。", "'{field}' must be a number (e.g. 2 or 1.5), got '{value}'."),
    "value.bool": (
        "“{field}”应为 是/否（也可写 true/false、1/0），收到“{value}”。",
        "'{field}' must be yes/no (true/false, 是/否, 1/0), got '{value}'.",
    ),
    "value.date": (
        "“{field}”不是可识别的日期：“{value}”。可写 2024-03-15、2024/3/15、2024年3月15日、3月15日、今天、昨天。",
        "'{field}' is not a date: '{value}'. Use 2024-03-15, 2024/3/15, 2024年3月15日, 3月15日, today, yesterday.",
    ),
    "value.text": ("“{field}”应为文字，收到 {value!r}。", "'{field}' must be text, got {value!r}."),
    "value.list": ("“{field}”应为文字列表，如 [\"甲\", \"乙\"]，收到 {value!r}。", "'{field}' must be a list of text, e.g. [\"a\", \"b\"], got {value!r}."),
    "value.empty_title": ("标题不能为空。", "The title cannot be empty."),
    "value.missing": ("缺少必填项“{field}”。", "Missing required key '{field}'."),
    # record files
    "record.syntax": ("TOML 格式错误：{reason}", "not valid TOML: {reason}"),
    "record.encoding": (
        "文件不是 UTF-8 编码（{detail}）。请用记事本“另存为”UTF-8，或运行 `fzlog validate --fix-encoding`。",
        "file is not UTF-8 ({detail}). Save it as UTF-8, or run `fzlog validate --fix-encoding`.",
    ),
    "record.too_large": ("文件过大（{size} 字节，上限 {limit} 字节），未读取。", "file too large ({size} bytes, limit {limit}); not read."),
    "record.unreadable": ("无法读取文件：{reason}", "cannot read file: {reason}"),
    "record.date_mismatch": (
        "记录日期 {date} 与所在目录 {dir} 不一致。请把文件移到 {expected}/ 下，或改正 date。",
        "record date {date} disagrees with its directory {dir}. Move the file to {expected}/ or fix the date.",
    ),
    "record.bad_path": (
        "文件不在 <年>/<年-月-日>/ 目录结构中，应为 YYYY/YYYY-MM-DD/类型-编号.toml。",
        "file is outside the <YYYY>/<YYYY-MM-DD>/ layout; expected YYYY/YYYY-MM-DD/kind-id.toml.",
    ),
    "record.bad_name": (
        "文件名应为 <类型>-<编号>.toml，且类型与文件中的 kind（{kind}）一致。",
        "file name should be <kind>-<id>.toml, matching the kind inside ({kind}).",
    ),
    # periods
    "period.invalid": (
        "无法识别的期间“{text}”。可用写法：2024（全年）、2024-Q3 或 2024q3（季度）、2024-03（月）、"
        "2024-03-15（日）、2020..2024、2024-01-01..2024-06-30（区间）。",
        "Unrecognised period '{text}'. Accepted: 2024 (year), 2024-Q3 or 2024q3 (quarter), 2024-03 (month), "
        "2024-03-15 (day), 2020..2024, 2024-01-01..2024-06-30 (range).",
    ),
    "period.reversed": ("期间“{text}”的起点晚于终点。", "Period '{text}' starts after it ends."),
    # output labels
    "label.id": ("编号", "ID"),
    "label.date": ("日期", "Date"),
    "label.kind": ("类型", "Kind"),
    "label.title": ("标题", "Title"),
    "label.place": ("地点", "Place"),
    "label.tags": ("标签", "Tags"),
    "label.note": ("备注", "Note"),
    "label.evidence": ("佐证材料", "Evidence"),
    "label.path": ("文件", "File"),
    "label.fields": ("数据", "Figures"),
    "label.count": ("数量", "Count"),
    "label.unit": ("单位", "Unit"),
    "label.slug": ("类型代码", "Slug"),
    "label.label": ("名称", "Label"),
    "label.field_list": ("字段", "Fields"),
    "label.total": ("合计", "Total"),
    "label.compare": ("对比期", "Compared"),
    "label.change": ("增减", "Change"),
    "label.group": ("分组", "Group"),
    "label.yes": ("是", "yes"),
    "label.no": ("否", "no"),
    "label.records_of": ("{n} 条记录", "{n} record(s)"),
    "summary.title": ("{org} 工作台账汇总 {period}", "{org} ledger summary {period}"),
    "summary.empty": ("该期间没有记录。", "No records in this period."),
    "summary.records_true": ("{label}：{n} {unit}", "{label}: {n} {unit}"),
    "summary.flag_true": ("其中{label} {n}", "of which {label}: {n}"),
    "list.empty": ("没有符合条件的记录。", "No matching records."),
    "add.done": ("已记录 {id}\n文件：{path}", "Recorded {id}\nfile: {path}"),
    "add.prompt_title": ("标题", "Title"),
    "add.prompt_field": ("{label}（{name}，{type}，可留空）", "{label} ({name}, {type}, optional)"),
    "init.done": (
        "已新建台账 {path}（{org}，指标方案 {profile}）。\n下一步：fzlog add 集中学习 --title \"…\"",
        "Created ledger {path} ({org}, profile {profile}).\nNext: fzlog add study --title \"…\"",
    ),
    "type.int": ("整数", "integer"),
    "type.float": ("数字", "number"),
    "type.bool": ("是/否", "yes/no"),
    "type.date": ("日期", "date"),
    "type.text": ("文字", "text"),
    "type.list": ("列表", "list"),
    "error.prefix": ("错误：", "Error: "),
    # --- check (messages of the check feature go below this line) ---
    # --- report (messages of the report feature go below this line) ---
    "report.cfg_table": ("应为表 (table)", "must be a table"),
    "report.cfg_array": ("应为表的数组，如 [[report.parts]]", "must be an array of tables, e.g. [[report.parts]]"),
    "report.cfg_text": ("应为文字", "must be text"),
    "report.cfg_list": ("应为文字列表，如 [\"国家宪法日\"]", "must be a list of text, e.g. [\"国家宪法日\"]"),
    "report.cfg_unknown_key": ("未知的配置项；可用：{known}", "unknown key; known keys: {known}"),
    "report.cfg_kind": ("没有这个记录类型（见 `fzlog kinds`）", "no such kind (see `fzlog kinds`)"),
    "report.cfg_year": ("应为年份，如 2020", "must be a year, e.g. 2020"),
    "report.cfg_part": ("每一部分需要 title（标题）和 content（内容）", "each part needs a title and a content"),
    "report.cfg_content": ("content 应为以下内容的列表：{ids}", "content must be a list of: {ids}"),
    "report.cfg_twice": ("内容 {id} 出现了两次", "content {id} appears twice"),
    "report.cfg_theme": ("每个主题需要 name、heading，part 为 {parts} 之一",
                         "each theme needs name and heading, part one of {parts}"),
    "report.cfg_theme_name": ("没有这个主题；可用：{names}", "no such theme; known: {names}"),
    "report.cfg_mode": ("mode 应为 count 或 titles", "mode must be count or titles"),
    "report.cfg_field": ("该类型没有字段 {field}", "the kind has no field {field}"),
    "report.notes_key": ("未知的项目“{name}”；可用：{known}", "unknown key '{name}'; known: {known}"),
    "report.notes_text": ("“{name}”应为文字", "'{name}' must be text"),
    "report.notes_array": ("“{name}”应写成 [[{name}]] 表，每条一项", "'{name}' must be written as [[{name}]] tables, one per point"),
    "report.notes_item": ("[[{name}]] 的每一项需要 text（正文），可有 title（小标题），不能有其他键",
                          "each [[{name}]] needs text, may have title, nothing else"),
    "report.notes_unused": (
        "警告：{path} 中的 [[{part}]] 没有写进报告：fzlog.toml 的 [[report.parts]] 中没有这一部分。",
        "warning: [[{part}]] in {path} is not in the report: no part of fzlog.toml [[report.parts]] holds it.",
    ),
    "report.bad_year": ("年度应为四位年份，如 2024；收到“{text}”。", "YEAR must be a four-digit year such as 2024, got '{text}'."),
    "report.bad_date": ("--date：{reason}", "--date: {reason}"),
    "report.no_org": (
        "不知道机关名称：fzlog.toml 中没有 org，请用 --org 指定。",
        "No organisation name: fzlog.toml has no org; give it with --org.",
    ),
    "report.bad_suffix": (
        "无法从文件名 {path} 判断格式：请用 .md 或 .docx 结尾，或用 --format 指定。",
        "Cannot tell the format from {path}: end it in .md or .docx, or give --format.",
    ),
    "report.docx_needs_file": (
        "Word 格式需要用 -o 指定输出文件，如 -o 2024年法治政府建设工作报告.docx。",
        "Word output needs a file: -o report.docx.",
    ),
    "report.exists": (
        "{path} 已存在，未覆盖。如确要覆盖，请加 --force。",
        "{path} exists; not overwritten. Add --force to overwrite it.",
    ),
    "report.write_failed": ("无法写入 {path}：{reason}", "Could not write {path}: {reason}"),
    "report.written": ("已生成 {path}", "Wrote {path}"),
    # --- validate (messages of the validate feature go below this line) ---
    # --- exchange (messages of the exchange feature go below this line) ---
    # --- perf (messages of the perf feature go below this line) ---
}


def t(key: str, /, **params: object) -> str:
    """Return the message ``key`` in the current language, formatted with ``params``."""
    zh, en = MESSAGES[key]
    text = en if _lang == "en" else zh
    return text.format(**params) if params else text
