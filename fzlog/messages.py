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
        "警告：共跳过 {count} 个有问题的记录文件，其中的记录未计入结果。运行 `fzlog validate` 查看详情。",
        "warning: skipped {count} record file(s) with problems; their records are not counted. Run `fzlog validate` for details.",
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
    "kind.declare": (
        "\n如需新类型：在 fzlog.toml 中声明 [kinds.{slug}]（label、unit、fields），或运行 `fzlog kinds --new {slug}` 写入带注释的示例。",
        "\nTo add a kind: declare [kinds.{slug}] (label, unit, fields) in fzlog.toml, or run `fzlog kinds --new {slug}` for a commented stub.",
    ),
    "field.declare": (
        '\n如需新字段：在 fzlog.toml 的 [kinds.{kind}] 中写 fields = [{{ name = "{field}", type = "int", label = "中文名称", unit = "人" }}]。',
        '\nTo add a field: in fzlog.toml write [kinds.{kind}] fields = [{{ name = "{field}", type = "int", label = "label", unit = "人" }}].',
    ),
    "field.common_key": (
        "“{field}”是通用字段，请用 {option} 填写，不要用 --set。",
        "'{field}' is a common field: use the {option} option, not --set.",
    ),
    "field.bad_set": (
        "--set 的写法是 字段=值，例如 --set materials=300；收到的是“{text}”。",
        "--set takes FIELD=VALUE, e.g. --set materials=300; got '{text}'.",
    ),
    "value.int": ("“{field}”应为非负整数，收到“{value}”。", "'{field}' must be a whole number ≥ 0, got '{value}'."),
    "value.number_forms": (
        "可写 300、2,000、300份、2000余、超60、不少于2、四次、两万、2.2万（单位：{units}）。",
        " Write e.g. 300, 2,000, 300份, 2000余, 超60, 不少于2, 四, 两万, 2.2万 (units: {units}).",
    ),
    "value.negative": ("“{field}”不能为负数，收到 {value}。", "'{field}' cannot be negative, got {value}."),
    "value.float": (
        "“{field}”应为数字（如 2 或 1.5），收到“{value}”。",
        "'{field}' must be a number (e.g. 2 or 1.5), got '{value}'.",
    ),
    "value.bool": (
        "“{field}”应为 是/否（也可写 true/false、1/0），收到“{value}”。",
        "'{field}' must be yes/no (true/false, 是/否, 1/0), got '{value}'.",
    ),
    "value.date": (
        "“{field}”不是可识别的日期：“{value}”。可写 2024-03-15、2024/3/15、2024年3月15日、3月15日、今天、昨天。",
        "'{field}' is not a date: '{value}'. Use 2024-03-15, 2024/3/15, 2024年3月15日, 3月15日, today, yesterday.",
    ),
    "value.text": ("“{field}”应为文字，收到 {value!r}。", "'{field}' must be text, got {value!r}."),
    "value.list": (
        '“{field}”应为文字列表，如 ["甲", "乙"]，收到 {value!r}。',
        '\'{field}\' must be a list of text, e.g. ["a", "b"], got {value!r}.',
    ),
    "value.empty_title": ("标题不能为空。", "The title cannot be empty."),
    "value.missing": ("缺少必填项“{field}”。", "Missing required key '{field}'."),
    # record files
    "record.syntax": ("TOML 格式错误：{reason}", "not valid TOML: {reason}"),
    "record.kind_slug": (
        '记录文件中的 kind 须写类型代码：“{name}”应写为 kind = "{slug}"。',
        "In a record file kind must be the slug: write kind = \"{slug}\" instead of '{name}'.",
    ),
    "record.quoted_date": (
        'date 是日期，不加引号：应写为 date = 2024-03-15 这样，收到带引号的 "{value}"。',
        'date is a TOML date without quotes, e.g. date = 2024-03-15; got the string "{value}".',
    ),
    "record.too_large": (
        "文件过大（{size} 字节，上限 {limit} 字节），未读取。",
        "file too large ({size} bytes, limit {limit}); not read.",
    ),
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
    "period.year": (
        "年份“{text}”无效：应为 {lo} 到 {hi} 之间的四位数年份，如 2024。",
        "Invalid year '{text}': a four-digit year from {lo} to {hi}, e.g. 2024.",
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
    "summary.group": ("{label}：{shares}", "{label}: {shares}"),
    "summary.flag_true": ("其中{label} {n}", "of which {label}: {n}"),
    "list.empty": ("没有符合条件的记录。", "No matching records."),
    "add.done": ("已记录 {id}\n文件：{path}", "Recorded {id}\nfile: {path}"),
    "add.prompt_title": ("标题", "Title"),
    "add.prompt_field": ("{label}（{name}，{type}，可留空）", "{label} ({name}, {type}, optional)"),
    "add.usual": ("常用：{values}", "usual: {values}"),
    "init.bad_type": (
        "未知的部门类型“{name}”。可选：{choices}",
        "Unknown department type '{name}'. Choose one of: {choices}",
    ),
    "init.preset": (
        "部门类型：{label}（优先列出 {n} 类记录；全部类型仍可使用，见 fzlog kinds）",
        "Department type: {label} ({n} kinds offered first; every kind stays available, see fzlog kinds)",
    ),
    "kinds.rule.sum": ("合计", "sum"),
    "kinds.rule.count-true": ("计“是”的数量", "count of yes"),
    "kinds.rule.latest": ("取最新", "latest"),
    "kinds.rule.max": ("取最大", "max"),
    "kinds.rule.mean": ("取平均", "mean"),
    "kinds.rule.distinct": ("不重复计数", "distinct"),
    "kinds.rule.as-reported": ("按填报取最新", "as reported"),
    "kinds.rule.group": ("分类计数", "group"),
    "kinds.aliases": ("别名", "Aliases"),
    "kinds.aliases_of": ("别名 {names}", "aka {names}"),
    "kinds.kinds": ("记录类型", "Kinds"),
    "kinds.fields_rules": ("字段（类型，单位，汇总方式）与比率", "Fields (type, unit, rule) and ratios"),
    "kinds.caption": (
        "每类都有 count（数量，默认 1）和 at_least（下限数字）字段；fzlog kinds KIND 查看一个类型的全部定义。",
        "Every kind also has count (default 1) and at_least (lower bounds); fzlog kinds KIND shows one kind in full.",
    ),
    "kinds.caption_preset": (
        "★ 为本台账部门类型（{label}）常用类型，＊ 为 fzlog.toml 中自定义的类型；fzlog kinds KIND 查看一个类型的全部定义。",
        "★ kinds of this ledger's department type ({label}), ＊ kinds of its fzlog.toml; fzlog kinds KIND shows one kind in full.",
    ),
    "kinds.unit": ("计量单位", "Unit"),
    "kinds.zero": ("无记录也报告 0", "Reported as 0 when none"),
    "kinds.part": ("报告部分／主题", "Report part / theme"),
    "kinds.sentence": ("报告句式", "Draft sentence"),
    "kinds.sentence_zero": ("无记录时句式", "Sentence when none"),
    "kinds.snapshot_by": ("按此字段分别取最新", "Latest per"),
    "kinds.presets": ("部门类型", "Department types"),
    "kinds.custom": ("本台账自定义", "Declared in fzlog.toml"),
    "kinds.ratios": ("比率（由合计计算）", "Ratios (from the totals)"),
    "kinds.values": ("常用值 {values}", "usual values {values}"),
    "kinds.exists": (
        "类型“{slug}”已经存在（fzlog kinds {slug} 查看），未作改动。",
        "Kind '{slug}' already exists (see fzlog kinds {slug}); nothing changed.",
    ),
    "kinds.bad_new": ("无法写入类型“{slug}”：{reason}", "Cannot add kind '{slug}': {reason}"),
    "kinds.stub_written": (
        "已在 {path} 末尾写入类型 {slug} 的示例，请按注释修改（fzlog kinds {slug} 查看）。",
        "Wrote a stub for kind {slug} at the end of {path}; edit it as its comments say (see fzlog kinds {slug}).",
    ),
    "init.done": (
        '已新建台账 {path}（{org}，指标方案 {profile}）。\n下一步：fzlog add 集中学习 --title "…"',
        'Created ledger {path} ({org}, profile {profile}).\nNext: fzlog add study --title "…"',
    ),
    "type.int": ("整数", "integer"),
    "type.float": ("数字", "number"),
    "type.bool": ("是/否", "yes/no"),
    "type.date": ("日期", "date"),
    "type.text": ("文字", "text"),
    "type.list": ("列表", "list"),
    "error.prefix": ("错误：", "Error: "),
    # --- workflow (edit, rm, git, completion) ---
    "git.missing": (
        "找不到 git 命令：请先安装 git，或不用 --commit。",
        "git not found: install git, or drop --commit.",
    ),
    "git.not_repo": (
        "台账 {path} 不在 git 仓库中：先在台账目录运行 `git init`，或不用 --commit。",
        "The ledger {path} is not in a git repository: run `git init` there, or drop --commit.",
    ),
    "git.failed": ("git 提交失败：{reason}", "git commit failed: {reason}"),
    "git.committed": ("已提交 git：{hash} {message}", "Committed to git: {hash} {message}"),
    "git.saved_not_committed": ("记录已保存，但未能提交 git。", "The record is saved but was not committed to git."),
    "edit.unchanged": ("记录未改动。", "Record unchanged."),
    "edit.saved": ("已保存 {id}", "Saved {id}"),
    "edit.invalid_header": (
        "fzlog：记录有错误，请改正后保存；不保存退出则放弃修改。",
        "fzlog: the record has errors; fix and save, or quit without saving to discard.",
    ),
    "edit.discarded": ("未保存，记录保持原样。", "Not saved; the record is as it was."),
    # --- edit: moves, races, the ledger's temporary area ---
    "edit.gone": (
        "记录 {id} 在编辑期间已被删除，未重新创建。",
        "Record {id} was removed while it was being edited; not re-created.",
    ),
    "edit.changed": (
        "记录 {id} 在编辑期间被其他操作修改，未覆盖。",
        "Record {id} was changed by someone else while it was being edited; not overwritten.",
    ),
    "edit.draft_saved": (
        "您的修改已保存在 {path}，可据此重新录入。",
        "Your text is saved in {path}; use it to enter the change again.",
    ),
    "edit.draft_shown": ("无法保存您的修改，以下是您输入的全文：", "Your text could not be saved; here it is in full:"),
    "edit.undecodable": ("编辑后的文本不是 UTF-8 编码。", "The edited text is not UTF-8."),
    "move.clash": (
        "{path} 已存在且内容不同，记录未移动。",
        "{path} exists with other content; the record was not moved.",
    ),
    "move.outside": (
        "目标位置 {path} 位于台账 {root} 之外（符号链接？），记录未移动，未改动任何文件。",
        "The destination {path} lies outside the ledger {root} (a symlink?); the record was not moved and nothing was changed.",
    ),
    "move.done_forward": (
        "已完成一次中断的记录移动：{old} → {new}。",
        "Finished an interrupted move of a record: {old} → {new}.",
    ),
    "move.done_back": (
        "已撤销一次中断的记录移动，记录仍在 {old}。",
        "Undid an interrupted move of a record; it stays at {old}.",
    ),
    "move.kept_changed": (
        "{path} 在移动中断后又被修改，已保留，请核对是否与 {new} 重复。",
        "{path} was changed after an interrupted move and is kept; check whether it duplicates {new}.",
    ),
    "move.bad_journal": (
        "无法读取移动日志 {path}（已保留）：{reason}",
        "Cannot read the move journal {path} (kept): {reason}",
    ),
    "move.draft_kept": (
        "上次编辑中断，编辑中的文本已保存在 {path}。",
        "An edit was interrupted; the text being edited is kept in {path}.",
    ),
    "rm.confirm": ("删除记录 {id}（{title}）？", "Delete record {id} ({title})?"),
    "rm.done": ("已删除 {id}", "Deleted {id}"),
    "rm.evidence_kept": ("佐证材料文件未删除：{files}", "Evidence files were kept: {files}"),
    "add.missing_title": (
        '缺少 --title（活动标题）。例如：fzlog add {kind} --title "…"',
        'Missing --title. For example: fzlog add {kind} --title "…"',
    ),
    "reason.text": ("应为文字", "must be text"),
    "reason.text_list": ('应为文字列表，如 ["甲", "乙"]', 'must be a list of text, e.g. ["a", "b"]'),
    "reason.bool": ("应为 true 或 false", "must be true or false"),
    "reason.table": ("应为表（table）", "must be a table"),
    "reason.field_exists": ("字段已存在：{names}", "field already exists: {names}"),
    "reason.field_spec": ("每个字段需要 name 和 type", "each field needs a name and a type"),
    "reason.field_type": ("type 应为 {types} 之一", "type must be one of {types}"),
    "reason.common_key": ("与通用字段重名", "clashes with a common key"),
    "reason.ratio_spec": (
        '每个比率需要 name 和 of（如 of = "passed/sat"）',
        'each ratio needs a name and of (e.g. of = "passed/sat")',
    ),
    "reason.ratio_of": (
        "of 应为“分子/分母”，分子分母为数值或是/否字段或 count：{names}",
        "of must be numerator/denominator, each a number or yes/no field or count: {names}",
    ),
    "reason.snapshot_by": ("应为该类型的一个 group 字段", "must name one of the kind's group fields"),
    "reason.one_of": ("应为 {choices} 之一", "must be one of {choices}"),
    "reason.aggregate": (
        "{type} 字段的 aggregate 应为 {choices} 之一",
        "aggregate of a {type} field must be one of {choices}",
    ),
    "reason.slug": (
        "类型代码只能用小写英文字母、数字和连字符",
        "a slug is lowercase ASCII letters, digits and hyphens",
    ),
    "reason.gbk": ("疑似 GBK/GB18030 编码", "looks like GBK/GB18030"),
    "cli.usage": ("用法：", "Usage: "),
    "cli.options": ("选项", "Options"),
    "cli.commands": ("命令", "Commands"),
    "cli.help": ("显示本帮助并退出。", "Show this message and exit."),
    "cli.aborted": ("已取消。", "Aborted."),
    "cli.no_such_option": ("没有选项 {name}。", "No such option: {name}."),
    "cli.did_you_mean": ("您是不是要输入：{names}？", " Did you mean {names}?"),
    "cli.missing": ("缺少参数 {name}。", "Missing parameter: {name}."),
    "cli.bad_value": ("参数 {name} 的值无效：{reason}", "Invalid value for {name}: {reason}"),
    "cli.no_such_command": ("没有命令 {name}。", "No such command: {name}."),
    "cli.extra_args": ("多余的参数：{args}", "Unexpected extra argument(s): {args}"),
    "cli.see_help": ("用 `{cmd} --help` 查看用法和示例。", "See `{cmd} --help` for usage and examples."),
    "rollup.single_only": (
        "此命令一次只能用于一个台账；多个 --ledger（全县汇总）只用于 summary 和 check。",
        "This command works on one ledger; several --ledger (county roll-up) are for summary and check.",
    ),
    "rollup.title": ("全县汇总 {period}（{n} 个部门）", "County roll-up {period} ({n} departments)"),
    "rollup.total": ("全县合计", "County total"),
    "label.department": ("部门", "Department"),
    "rollup.no_by_compare": (
        "全县汇总暂不支持 --by 和 --compare，请对单个台账使用。",
        "--by and --compare are not available in a county roll-up; use them on one ledger.",
    ),
    "check.rollup.title": (
        "全县指标核对 {year} 年（截至 {as_of}，{n} 个部门）",
        "County target check {year} (as of {as_of}, {n} departments)",
    ),
    "check.rollup.met": ("达标或进度正常项数", "met or on track"),
    "validate.evidence_missing": ("佐证材料文件不存在：{ref}", "evidence file not found: {ref}"),
    "validate.notes_stray": (
        "notes/ 中只应有 <年>.toml（年度报告的补充文字），此文件已忽略。",
        "notes/ should hold only <year>.toml (text for the annual report); ignored.",
    ),
    "hint.evidence-missing": (
        "把文件放回原处，或用 fzlog edit 改正引用；文件可用 fzlog add --attach 存入台账。",
        "Put the file back, or fix the reference with fzlog edit; fzlog add --attach stores files in the ledger.",
    ),
    "hint.notes": (
        "notes/<年>.toml 的写法见 docs/report.md“年度文字材料”。",
        "See docs/report.md (notes) for notes/<year>.toml.",
    ),
    "ledger.init_failed": ("无法在 {path} 新建台账：{reason}", "Could not create a ledger in {path}: {reason}"),
    "rollup.skipped_folder": (
        "警告：{path} 中没有台账（fzlog.toml），未计入全县汇总。",
        "warning: {path} holds no ledger (fzlog.toml); left out of the county roll-up.",
    ),
    "hint.config-section": (
        "改正 fzlog.toml 中的这一段；改正前 fzlog check / report 无法运行。",
        "Fix this section of fzlog.toml; until then fzlog check / report cannot run.",
    ),
    "config.encoding": (
        "文件是 {encoding} 编码，须为 UTF-8：请用记事本打开，“另存为”时把编码选为 UTF-8。",
        "The file is {encoding}-encoded; it must be UTF-8: open it in Notepad and Save As with encoding UTF-8.",
    ),
    "add.future_date": (
        "注意：日期 {date} 在今天之后（没写年份的日期按今年算）。如写错了，用 fzlog edit {id} 改正。",
        "note: the date {date} is after today (dates without a year are this year's). If wrong, fix it with fzlog edit {id}.",
    ),
    "add.prompt_date": ("日期", "Date"),
    "summary.by_and_compare": (
        "--by 与 --compare 不能同时使用：请分别运行。",
        "--by and --compare cannot be combined: run them separately.",
    ),
    "opt.json_csv": ("--json 与 --csv 只能选一个。", "Choose one of --json and --csv."),
    "value.encoding_unwritable": (
        "含有无法保存为 UTF-8 的字符 {char}",
        "contains a character that cannot be saved as UTF-8: {char}",
    ),
    # check
    "check.status.met": ("达标", "met"),
    "check.status.unmet": ("未达标", "unmet"),
    "check.status.on-track": ("进度正常", "on track"),
    "check.status.behind": ("进度滞后", "behind"),
    "check.status.pending": ("待到期", "pending"),
    "check.status.n/a": ("不适用", "n/a"),
    "check.status.entrusted": ("依法委托出庭", "entrusted by law"),
    "check.status.unmet-local": ("本地指标未达到", "local target unmet"),
    "check.state.original": ("已核对原文", "read in the original"),
    "check.state.secondary": ("据转述", "read as quoted by others"),
    "check.state.not-found": ("未找到原文", "original not found"),
    "check.local": ("本地做法", "local practice"),
    "check.period.open": ("不限", "open"),
    "check.period.from": ("{start} 起", "from {start}"),
    "check.period.until": ("至 {until}", "until {until}"),
    "check.source.expired": ("已于 {until} 到期；接替：{by}", "expired on {until}; replaced by: {by}"),
    "check.source.pending": ("{start} 起施行", "in force from {start}"),
    "check.source.no_successor": ("无", "none"),
    "check.before_date": ("{field} < {date}", "{field} before {date}"),
    "check.note.on_the_day": (
        '{date} 当天：规定为“之前”，当天是否算按时各地理解不一，此处按按时计（可在 fzlog.toml 设 boundary = "exclusive"）',
        "on {date} itself: the rule says 'before'; counted as on time here (set boundary = \"exclusive\" in fzlog.toml to count it late)",
    ),
    "check.note.day_late": (
        '{date} 当天按逾期计（boundary = "exclusive"）',
        '{date} itself counted as late (boundary = "exclusive")',
    ),
    "check.unless": ("{cond}免{field}", "no {field} where {cond}"),
    "check.alternative": ("{field}可由{others}代替", "{field} or {others}"),
    "check.appearance.required": (
        "每件由负责人（{roles}）出庭应诉，或因正当事由依法委托相应工作人员出庭",
        "each case: a leader ({roles}) appears, or staff appear on the agency's behalf for a proper reason",
    ),
    "check.appearance.actual": ("{n} {unit}：{parts}", "{n} {unit}: {parts}"),
    "check.appearance.appeared": ("负责人出庭 {n} {unit}", "leader appeared in {n} {unit}"),
    "check.appearance.entrusted": ("依法委托出庭 {n} {unit}", "entrusted in {n} {unit}"),
    "check.appearance.absent": ("未出庭 {n} {unit}", "no appearance in {n} {unit}"),
    "check.appearance.entrusted_note": ("依法委托出庭：{cases}", "entrusted: {cases}"),
    "check.appearance.no_reason": (
        "委托出庭但未写明负责人不能出庭的事由：{cases}",
        "entrusted without a reason why no leader could appear: {cases}",
    ),
    # kept for the web page's check table until it shows the source states (fzlog.targets.view)
    "check.unverified": ("（未核实）", "(unverified)"),
    "check.col.source": ("依据", "Source"),
    "check.col.evidence": ("佐证记录", "Evidence"),
    "check.failing": ("不合要求：", "falls short: "),
    "check.col.id": ("编号", "ID"),
    "check.col.short": ("指标", "Target"),
    "check.col.count": ("佐证", "Proof"),
    "check.d.label": ("{label}：", "{label}: "),
    "check.join": ("；", "; "),
    "check.list": ("、", ", "),
    "check.stop": ("。", ". "),
    "check.d.paren": ("{text}（{inner}）", "{text} ({inner})"),
    "check.d.title": ("名称", "Title"),
    "check.d.required": ("要求", "Required"),
    "check.d.actual": ("实际", "Actual"),
    "check.d.result": ("结果", "Result"),
    "check.d.note": ("说明", "Note"),
    "check.d.basis": ("依据", "Basis"),
    "check.d.sources": ("来源", "Sources"),
    "check.d.period": ("适用期间", "In force"),
    "check.d.evidence": ("佐证", "Evidence"),
    "check.d.counts": ("计入", "Counts"),
    "check.counts.kind": ("{label}（{slug}）", "{label} ({slug})"),
    "check.counts.where": ("{field} 为 {values}", "{field} is {values}"),
    "check.counts.tags": ("标签含 {tags}", "tagged {tags}"),
    "check.counts.and": ("且", " and "),
    "check.counts.of": ("{conds}的{kinds}", "{kinds} where {conds}"),
    "check.counts.year_field": ("，按 {field}（{label}）归入年度", ", in the year its {field} ({label}) names"),
    "check.d.more": (
        "等{n}条（全部见 fzlog check --target {id}）",
        "and more: {n} in all (see fzlog check --target {id})",
    ),
    "check.d.failing": ("不合要求", "Falls short"),
    "check.d.read": ("读到", "Read"),
    "check.d.where": ("出处", "Where"),
    "check.d.quote": ("摘录", "Wording read"),
    "check.d.replaced_by": ("接替", "Replaced by"),
    "check.d.cited_by": ("指标", "Targets"),
    "check.states_caption": (
        "依据核对情况：{states}。详见 --verbose、--target 编号 或 --sources",
        "Sources: {states}. See --verbose, --target ID or --sources",
    ),
    "check.state_tally": ("{label} {n} 项", "{label}: {n}"),
    "check.not_in_force": ("{year} 年不适用（不在施行期间）：{items}", "Not in force in {year}: {items}"),
    "check.not_in_force_item": ("{id}（{period}{by}）", "{id} ({period}{by})"),
    "check.replaced_by": ("，由 {id} 接替", ", replaced by {id}"),
    "check.expired_source": ("{title} 已于 {until} 到期；接替：{by}", "{title} expired on {until}; replaced by: {by}"),
    "check.sources.title": ("指标依据一览（{n} 件）", "Sources of the checklist ({n})"),
    "check.sources.unused": ("（无指标直接引用）", "(cited by no target)"),
    "check.sources.framework": ("指标方案 {profile} 的总体依据", "what profile {profile} rests on as a whole"),
    "check.err.want_day": ('应为日期（如 "2019-09-01"）或年份', 'must be a date (e.g. "2019-09-01") or a year'),
    "check.err.until_before": ("until 早于 from", "until is before from"),
    "check.err.want_state": ("应为 {states} 之一", "must be one of {states}"),
    "check.err.want_boundary": (
        '应为 "inclusive"（当天算按时）或 "exclusive"（当天算逾期）',
        'must be "inclusive" (the day is on time) or "exclusive" (the day is late)',
    ),
    "check.err.original_unquoted": (
        "标为 original（已核对原文）须在 quote 中录入读到的原文",
        "state original needs the wording read, in quote",
    ),
    "check.err.not_required": ("字段“{field}”不在要求之列", "field '{field}' is not required"),
    "check.err.source_bad": ("依据“{id}”的 {param} 无效：{reason}", "source '{id}': {param} is invalid: {reason}"),
    "check.err.source_unknown": ("没有依据“{id}”。{hint}已定义的依据：{ids}", "no source '{id}'. {hint}Sources: {ids}"),
    "check.err.target_and_only": (
        "--target 只能与一个年份同用，不能再加 --only。",
        "--target cannot be combined with --only.",
    ),
    "check.part.quarter": ("季度", "quarter"),
    "check.part.month": ("月", "month"),
    "check.unit.records": ("条", "records"),
    "check.at_least": ("≥ {n} {unit}", "≥ {n} {unit}"),
    "check.amount": ("{n} {unit}", "{n} {unit}"),
    "check.each_part": ("每{part} ≥ {n} {unit}", "≥ {n} {unit} each {part}"),
    "check.sum_at_least": ("{field} ≥ {n}{unit}", "{field} ≥ {n} {unit}"),
    "check.sum_amount": ("{field} {n}{unit}", "{field} {n} {unit}"),
    "check.every": ("每件均经：{steps}", "each with: {steps}"),
    "check.when": ("{cond}的须{field}", "{field} where {cond}"),
    "check.all_have": ("{n} {unit}，均齐全", "{n} {unit}, all complete"),
    "check.some_lack": ("{n} {unit}，其中 {bad} {unit}缺{steps}", "{n} {unit}, {bad} lacking {steps}"),
    "check.in_window": ("{window} ≥ {n} {unit}", "{window}: ≥ {n} {unit}"),
    "check.theme": ("主题“{themes}”", "theme '{themes}'"),
    "check.or": (" 或 ", " or "),
    "check.by_date": ("{field} ≤ {date}", "{field} by {date}"),
    "check.late": ("{field} {date}（逾期）", "{field} {date} (late)"),
    "check.no_value": ("未填{field}", "no {field} given"),
    "check.no_record": ("无 {year} 年度{kind}记录", "no {kind} for {year}"),
    "check.note.expected": ("截至 {as_of} 应达 {n} {unit}", "{n} {unit} due by {as_of}"),
    "check.note.short_parts": ("未达要求：{parts}", "short in {parts}"),
    "check.missing_evidence": ("缺少佐证材料", "no evidence on file"),
    "check.title": (
        "{org} {year} 年法治建设指标核对（截至 {as_of}，指标方案 {profile}）",
        "{org} {year} rule-of-law targets (as of {as_of}, profile {profile})",
    ),
    "check.clock": ("期限类指标按 {date} 判断", "deadlines judged as of {date}"),
    "check.col.target": ("指标", "Target"),
    "check.col.required": ("要求", "Required"),
    "check.col.actual": ("实际", "Actual"),
    "check.col.result": ("结果", "Result"),
    "check.tally": ("{label} {n} 项", "{label}: {n}"),
    "check.tally_local": ("（其中本地指标 {n} 项）", " ({n} of them local)"),
    "check.hint_show": ("用 `fzlog show 编号` 查看佐证记录。", "Use `fzlog show ID` to see a record."),
    "check.no_targets": ("没有要核对的指标。", "No targets to check."),
    "check.err.target": ("指标“{id}”：{reason}", "target '{id}': {reason}"),
    "check.err.missing": ("缺少 {param}。", "{param} is missing."),
    "check.err.bad": ("{param} 无效：{reason}", "{param} is invalid: {reason}"),
    "check.err.want_text": ("应为文字", "must be text"),
    "check.err.want_texts": ('应为文字列表，如 ["lecture"]', 'must be a list of text, e.g. ["lecture"]'),
    "check.err.want_table": ("应为表（table）", "must be a table"),
    "check.err.want_bool": ("应为 true 或 false", "must be true or false"),
    "check.err.want_whole": ("应为非负整数", "must be a whole number ≥ 0"),
    "check.err.want_at_most": ("应为 0 至 {hi} 之间的数", "must be a number from 0 to {hi}"),
    "check.err.want_number": ("应为非负数字", "must be a number ≥ 0"),
    "check.err.want_mmdd": ('应为“月-日”，如 "03-01"', 'must be month-day, e.g. "03-01"'),
    "check.err.want_range": (
        '应为“月-日..月-日”，如 "12-01..12-10"（或给出 themes）',
        'must be MM-DD..MM-DD, e.g. "12-01..12-10" (or give themes)',
    ),
    "check.err.want_years": (
        '应为 {{ 2024 = "05-25..06-01" }} 这样的 年份 = 日期范围',
        'must map years to ranges, e.g. {{ 2024 = "05-25..06-01" }}',
    ),
    "check.err.rule_type": (
        "未知的规则类型“{type}”。可用类型：{types}",
        "unknown rule type '{type}'. Rule types: {types}",
    ),
    "check.err.unknown_param": (
        "规则“{type}”没有参数 {param}。{hint}可用参数：{keys}",
        "rule '{type}' has no parameter {param}. {hint}Its parameters: {keys}",
    ),
    "check.err.unknown_key": ("未知的键。可用：{keys}", "unknown key. Known keys: {keys}"),
    "check.err.field_type": ("字段“{field}”应为{type}字段", "field '{field}' must be a {type} field"),
    "check.err.no_rule": (
        '缺少 rule（规则），例如 rule = {{ type = "count", kinds = ["lecture"], min = 2 }}；'
        "新增指标还须写 title 和 source。{hint}",
        'no rule, e.g. rule = {{ type = "count", kinds = ["lecture"], min = 2 }}; a new target also needs '
        "title and source. {hint}",
    ),
    "check.err.did_you_mean_target": (
        "若要修改已有指标，您是不是要写“{guess}”？",
        "To change a shipped target, did you mean '{guess}'?",
    ),
    "check.err.window": ("没有名为“{name}”的日期窗口。可用：{names}", "no window named '{name}'. Windows: {names}"),
    "check.err.window_bad": (
        "日期窗口“{name}”的 {param} 无效：{reason}",
        "window '{name}': {param} is invalid: {reason}",
    ),
    "check.err.profile": (
        "未知的指标方案“{profile}”（{path}）。可用方案：{profiles}",
        "unknown target profile '{profile}' ({path}). Profiles: {profiles}",
    ),
    "check.err.profile_bad": ("指标方案“{profile}”无效：{reason}", "profile '{profile}' is invalid: {reason}"),
    "check.err.extends": ("extends 指向的方案“{parent}”不存在或循环引用", "extends '{parent}' is unknown or circular"),
    "check.err.profile_target": ("列出的指标“{id}”没有定义", "lists target '{id}', which is not defined"),
    "check.err.only": ("没有指标“{id}”。{hint}可用指标：{ids}", "no target '{id}'. {hint}Targets: {ids}"),
    "check.err.as_of": ("--as-of {as_of} 早于 {year} 年年初。", "--as-of {as_of} is before the start of {year}."),
    "check.err.targets_file": ("找不到指标文件 {path}。", "targets file {path} not found."),
    # report
    "report.cfg_table": ("应为表 (table)", "must be a table"),
    "report.cfg_array": ("应为表的数组，如 [[report.parts]]", "must be an array of tables, e.g. [[report.parts]]"),
    "report.cfg_text": ("应为文字", "must be text"),
    "report.cfg_list": ('应为文字列表，如 ["国家宪法日"]', 'must be a list of text, e.g. ["国家宪法日"]'),
    "report.cfg_unknown_key": ("未知的配置项；可用：{known}", "unknown key; known keys: {known}"),
    "report.cfg_kind": ("没有这个记录类型（见 `fzlog kinds`）", "no such kind (see `fzlog kinds`)"),
    "report.cfg_rows": (
        "应为 0 至 100000 之间的整数（附件2逐条列出的记录数上限）。",
        "should be a whole number from 0 to 100000 (the most records appendix 2 lists one a row).",
    ),
    "report.cfg_year": ("应为年份，如 2020", "must be a year, e.g. 2020"),
    "report.cfg_part": ("每一部分需要 title（标题）和 content（内容）", "each part needs a title and a content"),
    "report.cfg_content": ("content 应为以下内容的列表：{ids}", "content must be a list of: {ids}"),
    "report.cfg_twice": ("内容 {id} 出现了两次", "content {id} appears twice"),
    "report.cfg_theme": (
        "每个主题需要 name、heading，part 为 {parts} 之一",
        "each theme needs name and heading, part one of {parts}",
    ),
    "report.cfg_theme_name": ("没有这个主题；可用：{names}", "no such theme; known: {names}"),
    "report.cfg_legacy_key": (
        '{key} 已去掉，写法改用 sentence 模板，如 sentence = "组织{{count}}次，参加{{participants}}人次。"（见 docs/report.md）',
        '{key} is gone: write the wording as a sentence template, e.g. sentence = "…{{count}}…" (see docs/report.md)',
    ),
    "report.cfg_placeholder": (
        "占位符 {{{name}}} 不是该类型的数字（可用 {{count}}、字段名、{{count[字段=值]}}、{{甲/乙}}、{{titles}}）",
        "placeholder {{{name}}} names no figure of the kind (use {{count}}, a field, "
        "{{count[field=value]}}, {{a/b}}, {{titles}})",
    ),
    "report.cfg_field": ("该类型没有字段 {field}", "the kind has no field {field}"),
    "report.notes_key": ("未知的项目“{name}”；可用：{known}", "unknown key '{name}'; known: {known}"),
    "report.notes_text": ("“{name}”应为文字", "'{name}' must be text"),
    "report.notes_array": (
        "“{name}”应写成 [[{name}]] 表，每条一项",
        "'{name}' must be written as [[{name}]] tables, one per point",
    ),
    "report.notes_item": (
        "[[{name}]] 的每一项需要 text（正文），可有 title（小标题），不能有其他键",
        "each [[{name}]] needs text, may have title, nothing else",
    ),
    "report.notes_unused": (
        "警告：{path} 中的 [[{part}]] 没有写进报告：fzlog.toml 的 [[report.parts]] 中没有这一部分。",
        "warning: [[{part}]] in {path} is not in the report: no part of fzlog.toml [[report.parts]] holds it.",
    ),
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
    "output.exists": (
        "文件 {path} 已存在，未覆盖。如需覆盖请加 --force。",
        "{path} exists and was not overwritten. Add --force to replace it.",
    ),
    "output.write_failed": ("无法写入 {path}：{reason}", "Could not write {path}: {reason}"),
    "output.is_dir": (
        "{path} 是文件夹：请写出文件名，如 {path}/2024.xlsx。",
        "{path} is a folder: give a file name, e.g. {path}/2024.xlsx.",
    ),
    "report.written": ("已生成 {path}", "Wrote {path}"),
    # validate
    "paths.bad_ref": (
        "路径“{ref}”不可用：{reason}。佐证材料请放在台账目录内（如 evidence/2024-12-04-签到表.jpg），写相对于台账目录的路径。",
        "Path '{ref}' is not allowed: {reason}. Keep evidence inside the ledger (e.g. evidence/2024-12-04-sign-in.jpg) "
        "and give its path relative to the ledger.",
    ),
    "paths.reason_empty": ("路径为空或含有 NUL 字符", "it is empty or contains a NUL character"),
    "paths.reason_absolute": (
        "不能是绝对路径、盘符路径（C:）、网络路径或 ~",
        "it must not be absolute, a drive (C:), a network path or ~",
    ),
    "paths.reason_parent": ("不能含有“..”（上级目录）", "it must not contain '..'"),
    "paths.reason_symlink": (
        "经符号链接指向台账之外（{target}）",
        "it leads outside the ledger through a symbolic link ({target})",
    ),
    "ledger.unreadable_dir": (
        "无法读取目录 {path}：{reason}。其中的记录无法计入，请检查目录权限。",
        "Cannot read directory {path}: {reason}. Its records cannot be counted; check its permissions.",
    ),
    "record.more_unknown": ("另有 {count} 个未知字段未逐一列出。", "… and {count} more unknown field(s)."),
    "record.too_deep": (
        "TOML 嵌套层数过多（[ 或 {{ 太多），不是记录文件。",
        "TOML nested too deeply (too many [ or {{); not a record file.",
    ),
    "encoding.legacy": (
        "文件是 {encoding} 编码，而记录文件须为 UTF-8，未读取。运行 `fzlog validate --fix-encoding` 可转换为 UTF-8"
        "（内容不变），或用记事本打开，“另存为”时把编码选为 UTF-8。",
        "file is {encoding}-encoded, but record files must be UTF-8; not read. Run `fzlog validate --fix-encoding` "
        "to convert it to UTF-8 (content unchanged), or re-save it as UTF-8.",
    ),
    "encoding.bad_bytes": (
        "字节 {byte} 不是有效的 UTF-8：文件已损坏或不是文本文件，未读取。请检查这一行，改正后另存为 UTF-8。",
        "byte {byte} is not valid UTF-8: the file is damaged or not text; not read. Check this line and re-save as UTF-8.",
    ),
    "io.no_space": ("磁盘空间已满（{detail}）", "the disk is full ({detail})"),
    "io.quota": ("超出磁盘配额（{detail}）", "disk quota exceeded ({detail})"),
    "io.read_only": ("台账所在的磁盘是只读的（{detail}）", "the ledger's disk is read-only ({detail})"),
    "io.denied": (
        "权限不足，目录或文件可能是只读的（{detail}）",
        "permission denied; the directory or file may be read-only ({detail})",
    ),
    "io.io_error": ("磁盘读写错误（{detail}）", "disk input/output error ({detail})"),
    "io.not_regular": (
        "不是普通文件（管道、设备或套接字），不读取",
        "not a regular file (a pipe, device or socket); not read",
    ),
    "io.lock_failed": ("无法锁定台账（{path}）：{reason}", "cannot lock the ledger ({path}): {reason}"),
    "io.failed": ("无法访问 {path}：{reason}", "cannot access {path}: {reason}"),
    "io.outside_read": (
        "{path} 经符号链接指向台账之外（{target}），不读取。请把文件放回台账目录中。",
        "{path} leads outside the ledger through a symbolic link ({target}); not read. Put the file back in the ledger.",
    ),
    "io.outside": (
        "{path} 经符号链接指向台账之外（{target}），不写入。",
        "{path} leads outside the ledger through a symbolic link ({target}); nothing written.",
    ),
    "cache.not_a_folder": ("缓存目录是符号链接或不是目录", "the cache folder is a symbolic link or not a folder"),
    "cache.off": (
        "提示：{path} 是符号链接或不是目录，本次不使用缓存（可删除它）。",
        "note: {path} is a symbolic link or not a folder; running without the cache (it may be deleted).",
    ),
    "layout.subfolder": (
        "记录文件不应放在子文件夹中，fzlog 不读取。",
        "record files do not belong in sub-folders; fzlog does not read them.",
    ),
    "layout.bad_day": (
        "日期文件夹名应为 YYYY-MM-DD（如 2024-03-01），fzlog 不读取其中的文件。",
        "day folders are named YYYY-MM-DD (e.g. 2024-03-01); fzlog does not read files in this one.",
    ),
    "layout.special": (
        "不是普通文件（文件夹、管道、设备或套接字），未读取。",
        "not a regular file (a folder, pipe, device or socket); not read.",
    ),
    "skip.file": ("警告：已跳过 {location}：{message}", "warning: skipped {location}: {message}"),
    "skip.more": (
        "警告：……另有 {count} 个有问题的文件未逐一列出。",
        "warning: … and {count} more file(s) with problems.",
    ),
    "validate.error": ("错误", "error"),
    "validate.warning": ("警告", "warning"),
    "validate.hint": ("提示：{hint}", "hint: {hint}"),
    "validate.line": ("{location}: {label}：{message}", "{location}: {label}: {message}"),
    "validate.more_in_file": (
        "……此文件另有 {count} 个问题（用 --json 查看全部）。",
        "… {count} more problem(s) in this file (see --json).",
    ),
    "validate.clean": ("台账无问题：检查了 {files} 个记录文件。", "No problems: checked {files} record file(s)."),
    "validate.totals": (
        "检查了 {files} 个记录文件：{errors} 个错误，{warnings} 个警告。",
        "Checked {files} record file(s): {errors} error(s), {warnings} warning(s).",
    ),
    "validate.year_mismatch": (
        "日目录 {day} 放在了年目录 {year} 下，其他命令不会读取此文件。应移到 {expected}/ 下。",
        "day directory {day} sits in year directory {year}; other commands do not read this file. Move it to {expected}/.",
    ),
    "validate.ignored": ("其他命令不会读取此文件。", "Other commands do not read this file."),
    "validate.move_to": ("应移到 {expected}/ 下。", " Move it to {expected}/."),
    "validate.bad_ext": (
        "扩展名应为小写 .toml，其他命令不会读取此文件。",
        "the extension must be lower-case .toml; other commands do not read this file.",
    ),
    "validate.duplicate_id": (
        "与 {other} 的记录编号相同（{id}）：同一记录有两个文件。",
        "same record id ({id}) as {other}: one record, two files.",
    ),
    "validate.ambiguous_id": (
        "短编号 {short} 与 {others} 相同，`fzlog show {short}` 无法区分，请用完整编号。",
        "short id {short} is shared with {others}; `fzlog show {short}` is ambiguous, use the full id.",
    ),
    "validate.duplicate_record": (
        "内容与 {other} 完全相同：可能把同一项活动登记了两次（汇总时会计算两次）。",
        "identical to {other}: the same activity may have been recorded twice (it is counted twice).",
    ),
    "validate.outside_ledger": (
        "符号链接指向台账之外（{target}），未读取。",
        "symbolic link pointing outside the ledger ({target}); not read.",
    ),
    "validate.stray": (
        "不是记录文件（记录文件以 .toml 结尾），已忽略。",
        "not a record file (records end in .toml); ignored.",
    ),
    "validate.hidden": ("隐藏文件，已忽略。", "hidden file; ignored."),
    "validate.temp": (
        "fzlog add 中断后留下的临时文件，不是记录，已忽略。",
        "temporary file left by an interrupted fzlog add; not a record, ignored.",
    ),
    "validate.fixed": (
        "已转换为 UTF-8：{path}（原为 {encoding} 编码，内容不变）",
        "Converted to UTF-8: {path} (was {encoding}; content unchanged)",
    ),
    "validate.fix_none": ("没有需要转换编码的文件。", "No file needed converting."),
    "validate.fix_failed": ("未能转换 {path}：{reason}", "Could not convert {path}: {reason}"),
    "validate.fix_changed": ("文件在转换过程中被修改，未改动", "the file changed while converting; left as it was"),
    "validate.fix_lossy": (
        "无法确认转换完全无损，未改动",
        "the conversion could not be shown to be lossless; left as it was",
    ),
    "hint.toml-syntax": (
        "字符串用英文双引号括起，每行一个 键 = 值，日期写成 2024-03-15（不加引号）。",
        "Strings go in double quotes, one key = value per line, dates as 2024-03-15 (no quotes).",
    ),
    "hint.missing-key": ("每个记录都要有 kind、date、title 三项。", "Every record needs kind, date and title."),
    "hint.unknown-kind": ("运行 `fzlog kinds` 查看全部类型代码。", "Run `fzlog kinds` to see all kinds."),
    "hint.unknown-field": (
        "运行 `fzlog kinds` 查看该类型的字段；新字段须先在 fzlog.toml 中登记。",
        "Run `fzlog kinds` for the kind's fields; new fields must be declared in fzlog.toml first.",
    ),
    "hint.bad-type": (
        "数量写数字不加引号（materials = 300），是/否写 true 或 false，日期写 2024-03-15，文字加英文双引号。",
        "Numbers without quotes (materials = 300), yes/no as true or false, dates as 2024-03-15, text in double quotes.",
    ),
    "hint.empty-title": ("给 title 填上活动标题。", "Give the activity a title."),
    "hint.date-mismatch": (
        "记录文件须放在与其 date 同一天的目录中。",
        "A record file must sit in the directory of its date.",
    ),
    "hint.encoding": (
        "记录文件须为 UTF-8 编码（记事本“另存为”时可选）。",
        "Record files must be UTF-8 (choose it in Notepad's Save As).",
    ),
    "hint.too-large": (
        "记录文件通常只有几百字节；这可能是误放进台账的其他文件。",
        "Record files are a few hundred bytes; this is probably some other file.",
    ),
    "hint.unreadable": (
        "检查文件权限，或文件是否被其他程序占用。",
        "Check the file's permissions, or whether another program holds it.",
    ),
    "hint.bad-path": (
        "记录文件应放在 <年>/<年-月-日>/ 目录中，如 2024/2024-03-15/study-3f9a.toml。",
        "Record files belong in <YYYY>/<YYYY-MM-DD>/, e.g. 2024/2024-03-15/study-3f9a.toml.",
    ),
    "hint.year-mismatch": ("日目录须放在同一年的年目录下。", "A day directory belongs in the directory of its year."),
    "hint.bad-name": (
        "文件名为 <类型代码>-<编号>.toml，编号只用小写字母和数字。",
        "Name it <kind>-<id>.toml, the id in lower-case letters and digits.",
    ),
    "hint.duplicate-id": ("核对两个文件，保留一个。", "Compare the two files and keep one."),
    "hint.ambiguous-id": (
        "用完整编号，如 fzlog show 2024-03-15/study-3f9a。",
        "Use the full id, e.g. fzlog show 2024-03-15/study-3f9a.",
    ),
    "hint.duplicate-record": (
        "若确是两次活动，修改标题加以区分；若是重复登记，删除其一。",
        "If these are two activities, tell them apart in the title; if it is a double entry, delete one.",
    ),
    "hint.evidence-outside": (
        "把佐证材料复制到台账的 evidence/ 目录中，写相对路径。",
        "Copy the evidence into the ledger's evidence/ folder and use a relative path.",
    ),
    "hint.outside-ledger": (
        "不要在台账中放指向外部的符号链接，把文件复制进来。",
        "Do not link to files outside the ledger; copy them in.",
    ),
    "hint.bad-ext": ("把扩展名改为 .toml。", "Rename it to end in .toml."),
    "hint.stray-file": (
        "佐证材料请放在台账根目录的 evidence/ 文件夹中。",
        "Keep evidence files in the ledger's evidence/ folder.",
    ),
    "hint.leftover-temp": (
        "确认没有正在运行的 fzlog add 后，可以删除此文件。",
        "Once no fzlog add is running, this file can be deleted.",
    ),
    "hint.config": (
        "改正 fzlog.toml 后再运行；记录已按默认类型表检查。",
        "Fix fzlog.toml; records were checked against the default kinds.",
    ),
    # exchange
    "tabular.bad_suffix": (
        "无法读取 {path}：不支持扩展名 {suffix}。可导入 .xlsx 和 .csv（.xls 请在 Excel/WPS 中“另存为”.xlsx）。",
        "Cannot read {path}: unsupported suffix {suffix}. fzlog imports .xlsx and .csv (save .xls as .xlsx first).",
    ),
    "tabular.no_file": ("找不到文件 {path}。", "No such file: {path}."),
    "tabular.encoding_for_csv": ("--encoding 只适用于 CSV 文件。", "--encoding applies to CSV files only."),
    "tabular.sheet_for_xlsx": ("--sheet 只适用于 Excel 文件。", "--sheet applies to Excel files only."),
    "tabular.bad_xlsx": (
        "无法读取 Excel 文件 {path}（{reason}）。文件是否损坏或加了密码？可在 Excel/WPS 中另存为 .xlsx 再试。",
        "Cannot read the Excel file {path} ({reason}). Is it damaged or password-protected? Save it again as .xlsx.",
    ),
    "tabular.too_large": ("文件过大（超过 {limit} MB），未读取。", "file too large (over {limit} MB); not read."),
    "tabular.bad_csv": ("CSV 格式错误：{reason}", "not valid CSV: {reason}"),
    "tabular.unknown_encoding": (
        "未知的编码“{encoding}”。常用的有 utf-8、gb18030（即 GBK）、utf-16。",
        "Unknown encoding '{encoding}'. Common ones: utf-8, gb18030 (GBK), utf-16.",
    ),
    "tabular.decode_failed": (
        "文件不是 {encoding} 编码。可去掉 --encoding 让 fzlog 自动识别，或换用 utf-8 / gb18030。",
        "file is not in {encoding}. Leave out --encoding to detect it, or try utf-8 / gb18030.",
    ),
    "tabular.undetected_encoding": (
        "无法识别文件编码（不是 UTF-8，也不是 GB18030/GBK）。请用 --encoding 指定，或在 Excel 中另存为“CSV UTF-8”。",
        "cannot tell the file's encoding (neither UTF-8 nor GB18030/GBK). Give --encoding, or save as 'CSV UTF-8'.",
    ),
    # --- limits and output guards (fzlog/limits.py, fzlog/outtext.py) ---
    "limits.text": (
        "“{field}”过长（{n} 个字符，上限 {limit} 个字符）。",
        "'{field}' is too long ({n} characters, limit {limit}).",
    ),
    "limits.char": (
        "“{field}”第 {pos} 个字符是控制字符 {char}，不能保存（Word、Excel 都不接受）；请删去它。",
        "'{field}' holds the control character {char} at position {pos}; remove it (Word and Excel refuse it).",
    ),
    "limits.list": (
        "“{field}”的项数过多（{n} 项，上限 {limit} 项）。",
        "'{field}' has too many items ({n}, limit {limit}).",
    ),
    "limits.int": (
        "“{field}”超出范围：{value}（应为 0 至 10^12 以内的整数）。",
        "'{field}' is out of range: {value} (must be a whole number from 0 below 10^12).",
    ),
    "limits.float": (
        "“{field}”超出范围：{value}（应为 0 至 {limit} 以内的有限数字）。",
        "'{field}' is out of range: {value} (must be a finite number from 0 below {limit}).",
    ),
    "limits.file": (
        "记录文件过大（{size} 字节，上限 {limit} 字节）：这样的文件读取时会被跳过，因此不写入；请缩短备注或文字。",
        "the record would be too large ({size} bytes, limit {limit}); readers would skip it, so it is not written. Shorten the text.",
    ),
    "limits.cut": ("{head}…（共 {n} 位）", "{head}… ({n} digits)"),
    "limits.big_int": (
        "“{field}”的整数有 {n} 位，超出范围（应为 0 至 10^12 以内的整数）。",
        "'{field}' is a whole number of {n} digits, out of range (must be below 10^12).",
    ),
    "encoding.garbled_replaced": (
        "有 {n} 处字节无法解码（显示为 �）",
        "{n} byte sequence(s) did not decode (shown as �)",
    ),
    "encoding.garbled_private": (
        "{pct}% 的非英文字符是私用区字符",
        "{pct}% of the non-ASCII characters are private-use characters",
    ),
    "encoding.garbled_rare": (
        "{pct}% 的汉字不是常用字，像是繁体（Big5）或日文（Shift-JIS）文件被当作 GB18030 读出",
        "{pct}% of the Chinese characters are rare ones, as when a Big5 or Shift-JIS file is read as GB18030",
    ),
    "tabular.garbled": (
        "按 {encoding} 读出的文字像是乱码（{reason}），未导入。请用 --encoding 指定文件的编码，如 "
        "--encoding big5（繁体中文）、--encoding shift_jis（日文）、--encoding gb18030，"
        "或在 Excel/WPS 中另存为“CSV UTF-8”后再导入。",
        "read as {encoding} the text looks garbled ({reason}); nothing imported. Give the file's "
        "encoding with --encoding (big5, shift_jis, gb18030 …) or save it as 'CSV UTF-8'.",
    ),
    "tabular.limit_file": (
        "文件过大（{size} MB，上限 {limit} MB），未读取。请把它拆成几个较小的文件（如按季度或按月份）分别导入。",
        "the file is too large ({size} MB, limit {limit} MB); not read. Split it (by quarter or month) and import the parts.",
    ),
    "tabular.limit_part": (
        "文件中的“{part}”{what} {size} MB，超过 {limit} MB 的上限，未读取（正常的台账远小于此，也可能是恶意构造的压缩炸弹）。"
        "如确为大表格，请拆成几个文件分别导入。",
        "the part '{part}' is {size} MB {what}, over the {limit} MB limit; not read (real ledgers are far smaller; "
        "it may be a zip bomb). Split a really large sheet into several files.",
    ),
    "tabular.limit_rows": (
        "表格超过 {limit} 行（第 {row} 行仍有内容），未读取。请把它拆成每个不超过 {limit} 行的几个文件（如按季度或按月份）分别导入。",
        "more than {limit} rows (row {row} still has data); not read. Split it into files of at most {limit} rows "
        "(by quarter or month) and import each.",
    ),
    "tabular.limit_columns": (
        "第 {row} 行有 {n} 列，超过 {limit} 列的上限，未读取。请删去表格右侧多余的列，或只把台账表格复制到新文件后再导入。",
        "row {row} has {n} columns, over the {limit}-column limit; not read. Delete the extra columns on "
        "the right, or copy just the ledger table into a new file.",
    ),
    "tabular.limit_cell": (
        "第 {row} 行 {column} 列的内容过长（{n} 个字符，上限 {limit} 个字符），未读取。请缩短它，或把长文字放到佐证材料里。",
        "the cell at row {row}, column {column} is too long ({n} characters, limit {limit}); not read. Shorten it.",
    ),
    "tabular.limit_row_chars": (
        "第 {row} 行过长（超过 {limit} 个字符），未读取。请检查文件是否真是台账表格，或把它拆成较小的文件。",
        "row {row} is too long (over {limit} characters); not read. Check it is a ledger table, or split it.",
    ),
    "tabular.limit_cells": (
        "表格的非空单元格超过 {limit} 个（到第 {row} 行），未读取。请把它拆成几个较小的文件分别导入。",
        "more than {limit} filled cells (by row {row}); not read. Split it into smaller files.",
    ),
    "tabular.limit_time": (
        "读取超过 {limit} 秒（到第 {row} 行），已停止，未导入。请把文件拆成几个较小的文件分别导入。",
        "reading took over {limit} seconds (by row {row}); stopped, nothing imported. Split the file.",
    ),
    "tabular.dtd": (
        "文件中的“{part}”含有 DTD/实体声明（Excel 和 WPS 从不写入），可能是恶意构造的文件，未读取。请在 Excel/WPS 中另存为 .xlsx 再导入。",
        "the part '{part}' holds a DTD or entity declaration (Excel and WPS never write one); it may be hostile; "
        "not read. Save it again as .xlsx from Excel/WPS.",
    ),
    "tabular.part_packed": ("压缩后", "compressed"),
    "tabular.part_unpacked": ("解压后", "uncompressed"),
    "schema.bool": ("应为 true 或 false", "must be true or false"),
    "schema.int": ("应为 {lo} 至 {hi} 之间的整数", "must be a whole number from {lo} to {hi}"),
    "schema.array": ('应为列表，如 ["甲", "乙"]', 'must be a list, e.g. ["a", "b"]'),
    "outtext.replaced": (
        "输出中有 {n} 个控制字符无法写入，已替换为可见符号（如 ␁）。",
        "{n} control character(s) cannot be written to this output and were replaced by visible marks (e.g. ␁).",
    ),
    "import.bad_map": (
        "--map 的写法是 列名=字段，例如 --map 发放资料=materials；收到的是“{text}”。",
        "--map takes COLUMN=FIELD, e.g. --map 发放资料=materials; got '{text}'.",
    ),
    "import.bad_map_field": (
        "--map {text}：不认识字段“{field}”。可写 date、title、kind、place、tags、note、evidence，"
        "类型的字段名或中文名（见 `fzlog kinds`），或 - 表示不导入该列。",
        "--map {text}: unknown field '{field}'. Use date, title, kind, place, tags, note, evidence, a kind's "
        "field name or label (see `fzlog kinds`), or - to skip the column.",
    ),
    "import.map_unused": (
        "--map 中的列 {column} 在表头中找不到。表头有：{headers}",
        "--map names column(s) {column} not found in the header. The header has: {headers}",
    ),
    "import.map_twice": ("--map 对列 {column} 指定了两次。", "--map gives column {column} twice."),
    "import.map_same_field": (
        "--map 把两列都对应到了“{field}”，每个字段只能来自一列。",
        "--map maps two columns to '{field}'; a field can come from one column only.",
    ),
    "import.no_sheet": (
        "工作簿中没有工作表“{sheet}”。现有工作表：{sheets}",
        "No sheet '{sheet}' in the workbook. Sheets: {sheets}",
    ),
    "import.no_column": (
        "{sheet}：找不到{what}列。表头有：{headers}。请用 --map 列名={target} 指定哪一列是{what}。",
        "{sheet}: no {what} column. The header has: {headers}. Use --map COLUMN={target} to say which column it is.",
    ),
    "import.no_kind": (
        "{sheet}：没有“类型”列，无法确定记录类型。请用 --kind 指定（如 --kind 法治宣传活动），或增加“类型”列。",
        "{sheet}: no kind column, so the kind is unknown. Give --kind (e.g. --kind publicity) or add a kind column.",
    ),
    "import.nothing": ("{path} 中没有数据。", "{path} holds no data."),
    "import.at_sheet": ("工作表“{sheet}”", "sheet '{sheet}' "),
    "import.at_row": ("第 {row} 行", "row {row}"),
    "import.at_column": (" {column} 列", ", column {column}"),
    "import.row_error": ("{where}：{message}", "{where}: {message}"),
    "import.missing": ("“{what}”为空。", "'{what}' is empty."),
    "import.unknown_kind": ("未知的记录类型“{name}”。{hint}", "Unknown kind '{name}'. {hint}"),
    "import.not_a_field": (
        "类型“{kind}”没有“{header}”这一项，该格应留空（或把类型改正）。",
        "kind '{kind}' has no '{header}'; leave the cell empty (or correct the kind).",
    ),
    "import.rejected": (
        "{path} 中有 {rows} 行有错（共 {errors} 处，见上），未导入任何记录。改正后重新导入即可。",
        "{rows} row(s) of {path} have errors ({errors} in all, listed above); nothing was imported. Fix them and import again.",
    ),
    "import.partial": (
        "写入中断：已导入 {written}/{total} 条，原因：{reason}。排除问题后重新导入同一文件，只会补上其余记录，不会重复。",
        "Writing stopped after {written} of {total} records: {reason}. Import the same file again to add the rest; nothing is added twice.",
    ),
    "import.mapping_title": ("{sheet}（表头在第 {row} 行；{kind}）", "{sheet} (header on row {row}; {kind})"),
    "import.kind_from_option": ("类型：{kind}（--kind）", "kind: {kind} (--kind)"),
    "import.kind_from_sheet": ("类型：{kind}（取自工作表名）", "kind: {kind} (from the sheet name)"),
    "import.kind_from_column": ("类型取自“类型”列", "kind from the kind column"),
    "import.col_letter": ("列", "Col"),
    "import.col_header": ("表头", "Header"),
    "import.col_target": ("导入为", "Imported as"),
    "import.col_how": ("说明", "How"),
    "import.how.map": ("--map 指定", "--map"),
    "import.how.exact": ("自动识别", "recognised"),
    "import.how.alias": ("自动识别", "recognised"),
    "import.how.guess": ("近似匹配，请核对", "close match, please check"),
    "import.how.ignored": ("不导入", "not imported"),
    "import.how.unknown": ("不认识，不导入（可用 --map 指定）", "unknown, not imported (use --map)"),
    "import.how.duplicate": ("与 {other} 列重复，不导入", "same as column {other}, not imported"),
    "import.col_row": ("行", "Row"),
    "import.preview_title": ("将导入的前 {n} 条", "First {n} records to import"),
    "import.counts": (
        "共 {rows} 行：新记录 {new} 条，已导入过 {existing} 条（跳过），空行 {empty} 行，合计行 {totals} 行。",
        "{rows} row(s): {new} new, {existing} already imported (skipped), {empty} empty, {totals} totals row(s).",
    ),
    "import.existing_hint": (
        "已导入过的行（内容与台账中同日记录完全相同）：{rows}",
        "Rows already in the ledger (same content on the same date): {rows}",
    ),
    "import.similar": (
        "注意：{where}与已有记录 {id} 日期、类型、标题相同但内容不同，将作为新记录导入。",
        "note: {where} has the date, kind and title of record {id} but other content; it is imported as a new record.",
    ),
    "import.repeated": (
        "注意：文件中 {rows} 内容完全相同，将各导入一条。",
        "note: rows {rows} of the file are identical; each becomes a record.",
    ),
    "import.confirm": ("导入 {n} 条新记录？", "Import {n} new record(s)?"),
    "import.dry_run": (
        "（试运行：未写入任何记录。去掉 --dry-run 即可导入。）",
        "(dry run: nothing written. Drop --dry-run to import.)",
    ),
    "import.none_new": ("没有需要导入的新记录。", "No new records to import."),
    "import.done": ("已导入 {n} 条记录。", "Imported {n} record(s)."),
    "import.progress_check": ("检查", "Checking"),
    "import.progress_write": ("写入", "Writing"),
    "export.bad_suffix": (
        "无法导出到 {path}：不支持扩展名 {suffix}。可导出 .xlsx、.csv、.jsonl。",
        "Cannot export to {path}: unsupported suffix {suffix}. Use .xlsx, .csv or .jsonl.",
    ),
    "export.illegal_char": (
        "记录 {id} 含有 Excel 不允许的控制字符，无法写入 .xlsx；请改正记录，或导出为 .csv/.jsonl。",
        "record {id} holds control characters Excel does not allow; fix it, or export to .csv/.jsonl.",
    ),
    "export.total_count": ("共 {n} {unit}", "{n} {unit}"),
    "export.empty_sheet": ("台账", "Ledger"),
    "export.done": ("已导出 {n} 条记录到 {path}", "Exported {n} record(s) to {path}"),
    "evidence.no_source": ("--attach：找不到文件 {path}。", "--attach: no such file {path}."),
    "evidence.unreadable": ("--attach：无法读取 {path}：{reason}", "--attach: cannot read {path}: {reason}"),
    "evidence.too_large": (
        "--attach：{path} 过大（{size} MB，上限 {limit} MB）。台账存于 git，请压缩后附加，或用 --evidence 写明存放位置。",
        "--attach: {path} is too large ({size} MB, limit {limit} MB). Compress it, or say where it is kept with --evidence.",
    ),
    "evidence.outside": (
        "佐证材料目录 {path} 位于台账 {root} 之外（符号链接？），未写入任何文件。",
        "The evidence folder {path} lies outside the ledger {root} (a symlink?); nothing was written.",
    ),
    "evidence.write_failed": ("无法保存佐证材料 {path}：{reason}", "Could not store evidence file {path}: {reason}"),
    "evidence.missing": ("文件缺失", "missing"),
    "evidence.note": ("说明", "note"),
    "evidence.outside_ref": ("不在台账目录内，未查看", "outside the ledger, not looked at"),
    # --- web (fzlog serve) ---
    "web.app": ("法治政府建设工作台账", "Rule-of-law work ledger"),
    "web.footer": (
        "数据即台账目录中的文件；本页面不联网",
        "the data is the ledger's files; this page uses no internet",
    ),
    "web.needs_extra": (
        "fzlog serve 需要网页组件（缺少 {module}）。请运行：pip install 'fzlog[web]'",
        "fzlog serve needs the web extra ({module} is missing). Run: pip install 'fzlog[web]'",
    ),
    "web.needs_password": (
        "--host {host} 会让本机以外的电脑访问台账，须先设置密码：环境变量 FZLOG_PASSWORD，或把 "
        "`fzlog serve --hash-password` 输出的两行写入 fzlog.toml。只在本机使用时不写 --host。",
        "--host {host} lets other computers reach the ledger: set a password first (FZLOG_PASSWORD, or the two "
        "lines `fzlog serve --hash-password` prints, in fzlog.toml). Leave out --host to use it on this computer only.",
    ),
    "web.cannot_listen": (
        "无法在 {host}:{port} 上启动：{reason}。端口可能已被占用（fzlog serve 是否已在运行？），可用 --port 换一个端口。",
        "Cannot listen on {host}:{port}: {reason}. The port may be in use (is fzlog serve already running?); "
        "try another with --port.",
    ),
    "web.bad_prefix": (
        "--prefix 应以 / 开头，如 /fzlog，收到“{prefix}”。",
        "--prefix must start with /, e.g. /fzlog; got '{prefix}'.",
    ),
    "web.password_prompt": ("密码", "Password"),
    "web.password_repeat": ("再输入一次", "Repeat it"),
    "web.serving": (
        "台账网页已启动（{mode}）：{url}  按 Ctrl+C 停止。",
        "Workbench running ({mode}): {url}  Press Ctrl+C to stop.",
    ),
    "web.mode.read_only": ("只读", "read-only"),
    "web.mode.writable": ("可填报", "writable"),
    "web.nav.dashboard": ("首页", "Dashboard"),
    "web.nav.records": ("记录", "Records"),
    "web.nav.new": ("填报", "New record"),
    "web.nav.check": ("指标核对", "Targets"),
    "web.nav.report": ("年度报告", "Report"),
    "web.nav.import": ("导入", "Import"),
    "web.nav.county": ("全县汇总", "County"),
    "web.year": ("年度", "Year"),
    "web.show": ("查看", "Show"),
    "web.cancel": ("取消", "Cancel"),
    "web.month": ("{m}月", "M{m}"),
    "web.problems": (
        "有 {n} 个文件未能读取（点击查看文件和行号，可用 fzlog validate 检查）",
        "{n} file(s) could not be read (click for file and line; see fzlog validate)",
    ),
    "web.dash.title": ("{year}年工作概况", "{year} at a glance"),
    "web.dash.records": ("条记录", "records"),
    "web.dash.kinds": ("类工作", "kinds of work"),
    "web.dash.missing_n": ("项待补充", "items to fill in"),
    "web.dash.totals": ("全年工作数字（报告用语）", "The year's figures (as the report words them)"),
    "web.dash.yoy": ("同比", "vs last year"),
    "web.dash.no_records": ("{year}年还没有记录。", "No records in {year} yet."),
    "web.dash.chart": ("各月活动数（按类型）", "Activities per month, by kind"),
    "web.dash.targets": ("指标完成情况", "Targets"),
    "web.dash.as_of": ("判断日期：{date}", "as of {date}"),
    "web.dash.check_detail": ("逐项核对", "details"),
    "web.dash.missing": ("报告中待补充的内容", "Still missing for the report"),
    "web.dash.report_link": ("查看{year}年度报告草稿", "Open the {year} report draft"),
    "web.dash.nothing_missing": ("报告所需内容台账中都有。", "The ledger has everything the report needs."),
    "web.verdict.met": ("达标", "Met"),
    "web.verdict.unmet": ("未达标", "Not met"),
    "web.verdict.progress": ("进行中", "In progress"),
    "web.verdict.na": ("不适用", "Not applicable"),
    "web.filter.period": ("期间", "Period"),
    "web.filter.period_hint": ("如 2024、2024-Q3", "e.g. 2024, 2024-Q3"),
    "web.filter.all_kinds": ("全部类型", "all kinds"),
    "web.filter.q": ("搜索", "Search"),
    "web.filter.apply": ("筛选", "Filter"),
    "web.list.count": ("{period}：{n} 条记录", "{period}: {n} record(s)"),
    "web.list.prev": ("上一页", "previous"),
    "web.list.next": ("下一页", "next"),
    "web.list.page": ("第 {page} / {pages} 页", "page {page} of {pages}"),
    "web.record.saved": ("已保存。记录文件：{path}", "Saved. Record file: {path}"),
    "web.record.edit": ("修改", "Edit"),
    "web.record.delete": ("删除", "Delete"),
    "web.record.no_evidence": ("没有佐证材料。", "No evidence."),
    "web.delete.title": ("删除记录", "Delete record"),
    "web.delete.evidence_kept": ("佐证材料文件不会被删除。", "Evidence files are kept."),
    "web.delete.confirm": ("确认删除", "Delete"),
    "web.form.new_title": ("填报一条记录", "New record"),
    "web.form.edit_title": ("修改记录", "Edit record"),
    "web.form.choose_kind": ("请选择记录类型", "Choose the kind of record"),
    "web.form.show_fields": ("显示字段", "Show fields"),
    "web.form.pick_first": ("先选择记录类型，再填写该类型的字段。", "Choose a kind first; its fields appear here."),
    "web.form.label_unit": ("{label}（{unit}）", "{label} ({unit})"),
    "web.form.list_hint": ("多项用顿号（、）分隔", "separate several with commas"),
    "web.form.evidence_text": ("佐证材料说明", "Evidence notes"),
    "web.form.evidence_hint": ("纸质材料的存放位置等，每行一项", "where paper evidence is kept, one per line"),
    "web.form.attach": ("上传佐证材料", "Attach files"),
    "web.form.save": ("保存", "Save"),
    "web.check.title": ("{year}年指标核对", "{year} targets"),
    "web.check.as_of": ("判断日期", "As of"),
    "web.check.sub": ("判断日期 {as_of}；指标方案 {profile}。", "As of {as_of}; profile {profile}."),
    "web.report.title": ("{year}年度法治政府建设工作报告（草稿）", "{year} annual report (draft)"),
    "web.report.docx": ("下载 Word 文件", "Download Word"),
    "web.report.md": ("下载 Markdown", "Download Markdown"),
    "web.report.file": ("{org}{year}年法治政府建设工作报告", "{org} {year} rule-of-law report"),
    "web.import.title": ("从 Excel 或 CSV 导入", "Import from Excel or CSV"),
    "web.import.file": ("台账文件（.xlsx / .csv）", "File (.xlsx / .csv)"),
    "web.import.kind": ("记录类型", "Kind"),
    "web.import.kind_auto": ("按“类型”列或工作表名", "from a kind column or the sheet name"),
    "web.import.maps": ("列对应（可选）", "Column mapping (optional)"),
    "web.import.check": ("检查并预览", "Check and preview"),
    "web.import.help": (
        "先检查全部行：只要有一行有错，就列出所有错误，不导入任何记录。已导入过的行自动跳过。",
        "Every row is checked first: if any row is wrong, every error is listed and nothing is imported. "
        "Rows already in the ledger are skipped.",
    ),
    "web.import.bad_type": ("只能导入 .xlsx 或 .csv 文件。", "Only .xlsx or .csv files can be imported."),
    "web.import.no_file": ("请选择要导入的文件。", "Choose a file to import."),
    "web.import.mapping": ("{sheet}：表头在第 {row} 行", "{sheet}: header on row {row}"),
    "web.import.errors": ("发现 {n} 处错误", "{n} error(s) found"),
    "web.import.none_written": (
        "未导入任何记录。请在文件中改正后重新上传。",
        "Nothing was imported. Correct the file and upload it again.",
    ),
    "web.import.preview": ("将导入 {n} 条新记录", "{n} new record(s) to import"),
    "web.import.existing": ("（{n} 行已在台账中，已跳过）", "({n} row(s) already in the ledger, skipped)"),
    "web.import.recheck_title": ("调整列对应后重新检查", "Change the mapping and check again"),
    "web.import.recheck": ("重新检查", "Check again"),
    "web.import.maps_hint": (
        "每行一项：表头或列字母=字段，如 发放资料=materials；字段写 - 表示不导入",
        "one per line: header or column letter=field, e.g. Copies=materials; - skips the column",
    ),
    "web.import.again": ("导入另一个文件", "Import another file"),
    "web.county.title": ("全县汇总", "County view"),
    "web.county.heading": ("{year}年全县汇总（{n} 个部门）", "{year}: {n} departments"),
    "web.login.title": ("请输入密码", "Sign in"),
    "web.login.password": ("密码", "Password"),
    "web.login.submit": ("进入", "Sign in"),
    "web.form.changed": (
        "记录 {id} 在您打开这个页面之后被改动过（可能是在命令行或另一个窗口中），为免覆盖别人的修改，未保存。"
        "您填写的内容仍在下面；请重新打开这条记录的修改页面，在最新内容上再改。",
        "Record {id} was changed after you opened this page (from the command line or another window); "
        "not saved, so as not to overwrite that change. What you typed is below: open the record's edit page "
        "again and make your change on its latest content.",
    ),
    "web.form.gone": (
        "记录 {id} 在您打开这个页面之后已被删除或移走（改了日期或类型），未保存。您填写的内容仍在下面："
        "要新增一条记录就直接保存，要改原来那条请到记录列表中重新打开它。",
        "Record {id} was removed or moved (its date or kind changed) after you opened this page; not saved. "
        "What you typed is below: save to add it as a new record, or open the record again from the list.",
    ),
    "web.delete.changed": (
        "记录 {id} 在您打开这个页面之后被改动过，未删除。请看过最新内容后再决定是否删除。",
        "Record {id} was changed after you opened this page; not removed. Look at its latest content first.",
    ),
    "export.changed_meanwhile": (
        "读取期间台账中有记录被新增、修改或删除（两遍读取的结果不一致），输出不完整（导出的文件没有写出）。请稍后重新运行。",
        "records were added, changed or removed while the ledger was read (its two reads differ); the output "
        "is incomplete (an export file is not written). Run it again in a moment.",
    ),
    "entry.date_needed": (
        "请填写日期（清空日期不会保留原来的日期，而会把记录移到今天）。",
        "Give a date (an empty date would not keep the old one: it would move the record to today).",
    ),
    "web.login.wrong": ("密码不对。", "Wrong password."),
    "web.login.too_many": (
        "密码输错次数过多，请 {minutes} 分钟后再试。忘记密码请找管理台账的同事重设（fzlog serve --hash-password）。",
        "Too many wrong passwords: try again in {minutes} minutes. A forgotten password is reset by whoever "
        "keeps the ledger (fzlog serve --hash-password).",
    ),
    "web.err.title": ("出错了", "Something is wrong"),
    "web.err.home": ("回到首页", "Back to the dashboard"),
    "web.err.bad_request": ("请求有误。", "Bad request."),
    "web.err.unauthorized": ("需要先输入密码。", "Sign in first."),
    "web.err.read_only": ("只读模式：不能修改台账。", "Read-only: the ledger cannot be changed here."),
    "web.err.not_found": ("没有这个页面或记录。", "No such page or record."),
    "web.err.method": ("不支持此操作。", "Not allowed."),
    "web.err.too_large": ("上传的文件过大（上限 {limit} MB）。", "The upload is too large (limit {limit} MB)."),
    "web.err.host": (
        "不接受此主机名的访问（防止 DNS 重绑定）。请用 http://localhost 访问。",
        "This host name is not accepted (DNS rebinding protection). Use http://localhost.",
    ),
    "web.err.csrf": (
        "表单已过期或来源不明，请刷新页面后重试。",
        "The form expired or did not come from this page; reload and try again.",
    ),
    # perf
    "perf.reading": ("正在读取记录文件（读过一次后会缓存，下次更快）", "Reading record files (cached for next time)"),
}


def quantity(value: object, unit: str) -> str:
    """A figure with its unit as the language writes it: 2030份 / 2030 copies."""
    if not unit:
        return str(value)
    return f"{value} {unit}" if _lang == "en" else f"{value}{unit}"


def join(parts) -> str:
    """Items of a figures cell: 发放宣传资料2030份；接受群众咨询312人/次."""
    return ("; " if _lang == "en" else "；").join(parts)


def t(key: str, /, **params: object) -> str:
    """Return the message ``key`` in the current language, formatted with ``params``."""
    zh, en = MESSAGES[key]
    text = en if _lang == "en" else zh
    return text.format(**params) if params else text
