"""Day-to-day upkeep of records: edit, rm, and committing changes to git."""

from __future__ import annotations

import click

from fzlog.cli import render
from fzlog.cli.base import command
from fzlog.cli.completion import complete_id
from fzlog.messages import t


def commit_option(f):
    return click.option("--commit/--no-commit", "commit", default=None,
                        help="把改动提交到 git（默认按 fzlog.toml 的 commit = true/false）。")(f)


def maybe_commit(lg, commit: bool | None, paths, message: str) -> None:
    """Commit ``paths`` when asked (option, else the ledger's ``commit`` setting). A failed commit
    never undoes the saved record: it is reported and the command exits 1."""
    if commit is None:
        commit = bool(lg.config.raw.get("commit", False))
    if not commit:
        return
    from fzlog.store import vcs  # only now: subprocess and shutil are no part of a plain add's start-up
    from fzlog.errors import FzlogError

    try:
        short = vcs.commit(lg.root, list(paths), message)
    except FzlogError as exc:
        raise FzlogError(t("git.saved_not_committed") + str(exc)) from None
    click.echo(t("git.committed", hash=short, message=message), err=True)


MARK = "#! "  # lines fzlog adds to the text in the editor; dropped before parsing


def _annotated(text: str, problems, base) -> str:
    """The user's text with the errors put on top as comments, for another try in the editor."""
    head = [MARK + t("edit.invalid_header")]
    head += [MARK + f"{p.location(base)}: {p.message}".replace("\n", " ") for p in problems]
    body = [line for line in text.splitlines() if not line.startswith(MARK.strip())]
    return "\n".join(head + body) + "\n"


@command()
@click.argument("ref", metavar="ID", shell_complete=complete_id)
@commit_option
@click.pass_obj
def edit(state, ref, commit):
    """在编辑器中修改一条记录（$VISUAL / $EDITOR，Windows 默认记事本）。

    保存时检查记录；有错时带着错误说明重新打开，不保存退出则记录保持原样。改了日期或类型时，记录文件会移到对应目录。

    \b
    示例：
      fzlog edit 3f9a
      EDITOR=nano fzlog edit 2024-12-04/publicity-3f9a --commit
    """
    from fzlog import record as record_mod

    lg = state.ledger()
    rec = lg.get(ref)
    original = rec.path.read_text("utf-8-sig")
    text = original
    while True:
        edited = click.edit(text, extension=".toml", require_save=True)
        if edited is None:
            click.echo(t("edit.discarded") if text != original else t("edit.unchanged"))
            return
        body = "\n".join(line for line in edited.splitlines() if not line.lstrip().startswith("#"))
        new, problems = record_mod.parse(body, lg.registry, rec.path, rec.id)
        if new is None:
            render.warn("\n".join(f"{p.location(lg.root)}: {p.message}" for p in problems))
            text = _annotated(edited, problems, lg.root)
            continue
        if new == rec:
            click.echo(t("edit.unchanged"))
            return
        break
    saved = lg.replace(rec, new)
    click.echo(t("edit.saved", id=saved.id))
    maybe_commit(lg, commit, {rec.path, saved.path}, f"edit {saved.id} {saved.title}")


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
