"""Day-to-day upkeep of records: edit, rm, and committing changes to git."""

from __future__ import annotations

import click

from fzlog.cli import render
from fzlog.cli.base import command, ledger_path
from fzlog.cli.completion import complete_id
from fzlog.messages import t


def commit_option(f):
    return click.option(
        "--commit/--no-commit",
        "commit",
        default=None,
        help="把改动提交到 git（默认按 fzlog.toml 的 commit = true/false）。",
    )(f)


def maybe_commit(lg, commit: bool | None, paths, message: str) -> None:
    """Commit ``paths`` when asked (option, else the ledger's ``commit`` setting). A failed commit
    never undoes the saved record: it is reported and the command exits 1."""
    if commit is None:
        commit = bool(lg.config.raw.get("commit", False))
    if not commit:
        return
    from fzlog.errors import FzlogError
    from fzlog.store import vcs  # only now: subprocess and shutil are no part of a plain add's start-up

    try:
        short = vcs.commit(lg.root, list(paths), message)
    except FzlogError as exc:
        raise FzlogError(t("git.saved_not_committed") + str(exc)) from None
    click.echo(t("git.committed", hash=short, message=message), err=True)


MARK = "#! "  # lines fzlog puts on top of the text in the editor (TOML comments)


def _without_header(text: str) -> tuple[str, int]:
    """The text without the lines fzlog put on top of it, and how many there were. Only leading
    lines go (they are comments, before any key); a ``#`` line further down may be part of a
    multi-line string and stays — TOML itself ignores the comments."""
    lines = text.split("\n")
    n = 0
    while n < len(lines) and lines[n].startswith(MARK.strip()):
        n += 1
    return "\n".join(lines[n:]), n


def _annotated(text: str, problems, base) -> str:
    """The user's text with the errors put on top as comments, for another try in the editor
    (``problems`` are those of the text without its former header)."""
    from dataclasses import replace

    body, _ = _without_header(text)
    shift = 1 + len(problems)  # the lines put on top: a problem's line is that of the new text
    head = [MARK + t("edit.invalid_header")]
    head += [
        MARK + f"{replace(p, line=p.line + shift if p.line else p.line).location(base)}: {p.message}".replace("\n", " ")
        for p in problems
    ]
    return "\n".join(head) + "\n" + body


def _edit_in_ledger(lg, text: str):
    """``click.edit`` on a file in the ledger's temporary area (never the system's temp folder,
    see fzlog/store/scratch.py), removed afterwards. None if the user quit without saving."""
    import os

    from fzlog.store import scratch

    if text and not text.endswith("\n"):
        text += "\n"
    data = text.replace("\n", "\r\n").encode("utf-8-sig") if os.name == "nt" else text.encode("utf-8")
    try:
        path = scratch.editor_file(lg.root, data)
    except OSError as exc:
        from fzlog.errors import FzlogError
        from fzlog.store.fsio import os_reason

        raise FzlogError(t("ledger.write_failed", path=lg.root / scratch.AREA, reason=os_reason(exc))) from None
    try:
        st = os.stat(path)  # set back, so that a save within the clock's resolution shows
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 2_000_000_000))
        before = os.stat(path).st_mtime_ns
        click.edit(filename=str(path), extension=".toml")
        if os.stat(path).st_mtime_ns == before:
            return None
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig").replace("\r\n", "\n")
        except UnicodeDecodeError:
            _keep_draft(lg, raw, path.stem, t("edit.undecodable"))
    finally:
        scratch.remove(path)


def _keep_draft(lg, data: bytes, name: str, why: str, exit_code: int = 1):
    """Save what the user typed to the ledger's drafts and fail, telling where it is."""
    from fzlog.errors import FzlogError
    from fzlog.store import scratch

    try:
        draft = scratch.save_draft(lg.root, data, name)
        kept = t("edit.draft_saved", path=ledger_path(draft, lg.root))
    except OSError:  # nowhere to keep it: the text itself, on the terminal
        kept = t("edit.draft_shown") + "\n" + data.decode("utf-8", "replace")
    err = FzlogError(why + kept)
    err.exit_code = exit_code
    raise err


@command()
@click.argument("ref", metavar="ID", shell_complete=complete_id)
@commit_option
@click.pass_obj
def edit(state, ref, commit):
    """在编辑器中修改一条记录（$VISUAL / $EDITOR，Windows 默认记事本）。

    保存时检查记录；有错时带着错误说明重新打开，不保存退出则记录保持原样。改了日期或类型时，记录文件会移到对应目录，佐证材料随之复制（无其他记录使用的旧文件才删除）。
    编辑中的临时文件在台账的 .fzlog-tmp/ 目录；若记录在编辑期间被删除或改动，修改不会覆盖它，而是保存在 .fzlog-tmp/drafts/ 并告知路径。

    \b
    示例：
      fzlog edit 3f9a
      EDITOR=nano fzlog edit 2024-12-04/publicity-3f9a --commit
    """
    from fzlog import record as record_mod
    from fzlog.errors import FzlogError
    from fzlog.store import moves
    from fzlog.store.fsio import read_text

    lg = state.ledger()
    rec = lg.get(ref)
    try:
        raw = rec.path.read_bytes()
    except OSError:
        raw = None
    text, problems = read_text(rec.path)
    if raw is None or text is None:
        raise FzlogError(t("edit.gone", id=rec.id))
    was = moves.fingerprint(raw)
    original = text.replace("\r\n", "\n")
    text = original
    while True:
        edited = _edit_in_ledger(lg, text)
        if edited is None:
            click.echo(t("edit.discarded") if text != original else t("edit.unchanged"))
            return
        body, _ = _without_header(edited)
        new, problems = record_mod.parse(body, lg.registry, rec.path, rec.id)
        if new is None:
            render.warn("\n".join(f"{p.location(lg.root)}: {p.message}" for p in problems))
            text = _annotated(edited, problems, lg.root)
            continue
        if new == rec:
            click.echo(t("edit.unchanged"))
            return
        break
    changed: list = []
    try:
        saved = lg.replace(rec, new, was=was, changed=changed)
    except FzlogError as exc:  # gone, changed, or not writable: the user's text is kept
        _keep_draft(lg, body.encode("utf-8"), rec.id.replace("/", "-"), str(exc), exc.exit_code)
    click.echo(t("edit.saved", id=saved.id))
    maybe_commit(lg, commit, changed, f"edit {saved.id} {saved.title}")


@command()
@click.argument("ref", metavar="ID", shell_complete=complete_id)
@click.option("--yes", "-y", is_flag=True, help="不询问，直接删除。")
@commit_option
@click.pass_obj
def rm(state, ref, yes, commit):
    """删除一条记录（先显示并确认）。佐证材料文件不会被删除。

    \b
    示例：
      fzlog rm 3f9a
      fzlog rm 2024-12-04/publicity-3f9a --yes --commit
    """
    lg = state.ledger()
    rec = lg.get(ref)
    if not yes:
        from fzlog.cli.show import show_record

        show_record(lg, rec)
        click.confirm(t("rm.confirm", id=rec.id, title=rec.title), abort=True, err=True)
    lg.remove(rec)
    click.echo(t("rm.done", id=rec.id))
    from fzlog.store import evidence

    files = [e.ref for e in evidence.entries(lg, rec) if e.is_file and e.exists]
    if files:
        click.echo(t("rm.evidence_kept", files="、".join(files)))
    maybe_commit(lg, commit, [rec.path], f"rm {rec.id} {rec.title}")
