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
    # --- validate (messages of the validate feature go below this line) ---
    "paths.bad_ref": (
        "路径“{ref}”不可用：{reason}。佐证材料请放在台账目录内（如 evidence/2024-12-04-签到表.jpg），写相对于台账目录的路径。",
        "Path '{ref}' is not allowed: {reason}. Keep evidence inside the ledger (e.g. evidence/2024-12-04-sign-in.jpg) "
        "and give its path relative to the ledger.",
    ),
    "paths.reason_empty": ("路径为空或含有 NUL 字符", "it is empty or contains a NUL character"),
    "paths.reason_absolute": ("不能是绝对路径、盘符路径（C:）、网络路径或 ~", "it must not be absolute, a drive (C:), a network path or ~"),
    "paths.reason_parent": ("不能含有“..”（上级目录）", "it must not contain '..'"),
    "paths.reason_symlink": ("经符号链接指向台账之外（{target}）", "it leads outside the ledger through a symbolic link ({target})"),
    "ledger.unreadable_dir": ("无法读取目录 {path}：{reason}。其中的记录无法计入，请检查目录权限。",
                              "Cannot read directory {path}: {reason}. Its records cannot be counted; check its permissions."),
    "record.more_unknown": ("另有 {count} 个未知字段未逐一列出。", "… and {count} more unknown field(s)."),
    "record.too_deep": ("TOML 嵌套层数过多（[ 或 {{ 太多），不是记录文件。", "TOML nested too deeply (too many [ or {{); not a record file."),
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
    "io.denied": ("权限不足，目录或文件可能是只读的（{detail}）", "permission denied; the directory or file may be read-only ({detail})"),
    "io.io_error": ("磁盘读写错误（{detail}）", "disk input/output error ({detail})"),
    "skip.file": ("警告：已跳过 {location}：{message}", "warning: skipped {location}: {message}"),
    "skip.more": ("警告：……另有 {count} 个有问题的文件未逐一列出。", "warning: … and {count} more file(s) with problems."),
    "validate.error": ("错误", "error"),
    "validate.warning": ("警告", "warning"),
    "validate.hint": ("提示：{hint}", "hint: {hint}"),
    "validate.line": ("{location}: {label}：{message}", "{location}: {label}: {message}"),
    "validate.more_in_file": ("……此文件另有 {count} 个问题（用 --json 查看全部）。", "… {count} more problem(s) in this file (see --json)."),
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
    "validate.bad_ext": ("扩展名应为小写 .toml，其他命令不会读取此文件。", "the extension must be lower-case .toml; other commands do not read this file."),
    "validate.duplicate_id": ("与 {other} 的记录编号相同（{id}）：同一记录有两个文件。", "same record id ({id}) as {other}: one record, two files."),
    "validate.ambiguous_id": (
        "短编号 {short} 与 {others} 相同，`fzlog show {short}` 无法区分，请用完整编号。",
        "short id {short} is shared with {others}; `fzlog show {short}` is ambiguous, use the full id.",
    ),
    "validate.duplicate_record": (
        "内容与 {other} 完全相同：可能把同一项活动登记了两次（汇总时会计算两次）。",
        "identical to {other}: the same activity may have been recorded twice (it is counted twice).",
    ),
    "validate.outside_ledger": ("符号链接指向台账之外（{target}），未读取。", "symbolic link pointing outside the ledger ({target}); not read."),
    "validate.stray": ("不是记录文件（记录文件以 .toml 结尾），已忽略。", "not a record file (records end in .toml); ignored."),
    "validate.hidden": ("隐藏文件，已忽略。", "hidden file; ignored."),
    "validate.temp": (
        "fzlog add 中断后留下的临时文件，不是记录，已忽略。",
        "temporary file left by an interrupted fzlog add; not a record, ignored.",
    ),
    "validate.fixed": ("已转换为 UTF-8：{path}（原为 {encoding} 编码，内容不变）", "Converted to UTF-8: {path} (was {encoding}; content unchanged)"),
    "validate.fix_none": ("没有需要转换编码的文件。", "No file needed converting."),
    "validate.fix_failed": ("未能转换 {path}：{reason}", "Could not convert {path}: {reason}"),
    "validate.fix_changed": ("文件在转换过程中被修改，未改动", "the file changed while converting; left as it was"),
    "validate.fix_lossy": ("无法确认转换完全无损，未改动", "the conversion could not be shown to be lossless; left as it was"),
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
    "hint.date-mismatch": ("记录文件须放在与其 date 同一天的目录中。", "A record file must sit in the directory of its date."),
    "hint.encoding": ("记录文件须为 UTF-8 编码（记事本“另存为”时可选）。", "Record files must be UTF-8 (choose it in Notepad's Save As)."),
    "hint.too-large": ("记录文件通常只有几百字节；这可能是误放进台账的其他文件。", "Record files are a few hundred bytes; this is probably some other file."),
    "hint.unreadable": ("检查文件权限，或文件是否被其他程序占用。", "Check the file's permissions, or whether another program holds it."),
    "hint.bad-path": (
        "记录文件应放在 <年>/<年-月-日>/ 目录中，如 2024/2024-03-15/study-3f9a.toml。",
        "Record files belong in <YYYY>/<YYYY-MM-DD>/, e.g. 2024/2024-03-15/study-3f9a.toml.",
    ),
    "hint.year-mismatch": ("日目录须放在同一年的年目录下。", "A day directory belongs in the directory of its year."),
    "hint.bad-name": ("文件名为 <类型代码>-<编号>.toml，编号只用小写字母和数字。", "Name it <kind>-<id>.toml, the id in lower-case letters and digits."),
    "hint.duplicate-id": ("核对两个文件，保留一个。", "Compare the two files and keep one."),
    "hint.ambiguous-id": ("用完整编号，如 fzlog show 2024-03-15/study-3f9a。", "Use the full id, e.g. fzlog show 2024-03-15/study-3f9a."),
    "hint.duplicate-record": (
        "若确是两次活动，修改标题加以区分；若是重复登记，删除其一。",
        "If these are two activities, tell them apart in the title; if it is a double entry, delete one.",
    ),
    "hint.evidence-outside": ("把佐证材料复制到台账的 evidence/ 目录中，写相对路径。", "Copy the evidence into the ledger's evidence/ folder and use a relative path."),
    "hint.outside-ledger": ("不要在台账中放指向外部的符号链接，把文件复制进来。", "Do not link to files outside the ledger; copy them in."),
    "hint.bad-ext": ("把扩展名改为 .toml。", "Rename it to end in .toml."),
    "hint.stray-file": ("佐证材料请放在台账根目录的 evidence/ 文件夹中。", "Keep evidence files in the ledger's evidence/ folder."),
    "hint.leftover-temp": (
        "确认没有正在运行的 fzlog add 后，可以删除此文件。",
        "Once no fzlog add is running, this file can be deleted.",
    ),
    "hint.config": ("改正 fzlog.toml 后再运行；记录已按默认类型表检查。", "Fix fzlog.toml; records were checked against the default kinds."),
    # --- exchange (messages of the exchange feature go below this line) ---
    # --- perf (messages of the perf feature go below this line) ---
}


def t(key: str, **params: object) -> str:
    """Return the message ``key`` in the current language, formatted with ``params``."""
    zh, en = MESSAGES[key]
    text = en if _lang == "en" else zh
    return text.format(**params) if params else text
