"""fzlog serve: the local web workbench (needs the ``web`` extra: pip install 'fzlog[web]')."""

from __future__ import annotations

import click

from fzlog.cli.base import command
from fzlog.errors import UsageError
from fzlog.messages import t


@command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    envvar="FZLOG_HOST",
    help="监听地址。默认只允许本机访问；其他地址（如 0.0.0.0）须先设置密码"
    "（FZLOG_PASSWORD 或 fzlog.toml 的 [web] password_hash）。",
)
@click.option(
    "--port", default=8765, show_default=True, type=click.IntRange(0, 65535), envvar="FZLOG_PORT", help="端口。"
)
@click.option("--no-browser", is_flag=True, envvar="FZLOG_NO_BROWSER", help="不自动打开浏览器。")
@click.option(
    "--read-only",
    is_flag=True,
    envvar="FZLOG_READ_ONLY",
    help="只读：不能新增、修改、删除或导入记录（供县级汇总、督察查看）。",
)
@click.option(
    "--prefix",
    default="",
    envvar="FZLOG_PREFIX",
    metavar="PATH",
    help="经反向代理在子路径下提供服务时的路径前缀，如 /fzlog。",
)
@click.option(
    "--allow-host", "allow_hosts", multiple=True, metavar="NAME", help="另外允许的主机名（内网域名）；可重复。"
)
@click.option(
    "--hash-password", is_flag=True, help="询问一个密码，输出可写入 fzlog.toml [web] password_hash 的哈希值，然后退出。"
)
@click.pass_obj
def serve(state, host, port, no_browser, read_only, prefix, allow_hosts, hash_password):
    """在浏览器中使用台账：首页、记录列表、填报表单、指标核对、年度报告、导入。

    默认只允许本机访问（127.0.0.1），并自动打开浏览器。给出多个 --ledger 时为全县汇总视图。

    \b
    示例：
      fzlog serve
      fzlog serve --read-only --no-browser --port 8800
      fzlog --ledger 科技局 --ledger 司法局 serve
    """
    try:
        from fzlog.web import run, security
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("flask", "waitress", "werkzeug", "jinja2"):
            raise UsageError(t("web.needs_extra", module=exc.name)) from None
        raise
    if hash_password:
        password = click.prompt(t("web.password_prompt"), hide_input=True, confirmation_prompt=t("web.password_repeat"))
        click.echo(f'[web]\npassword_hash = "{security.hash_password(password)}"')
        return
    ledgers = state.ledgers()
    password_hash = security.password_hash_of(ledgers[0].config.raw)
    if not security.is_loopback(host) and not password_hash:
        raise UsageError(t("web.needs_password", host=host))
    if prefix and not prefix.startswith("/"):
        raise UsageError(t("web.bad_prefix", prefix=prefix))
    run(
        [lg.root for lg in ledgers],
        host=host,
        port=port,
        open_browser=not no_browser,
        read_only=read_only,
        password_hash=password_hash,
        prefix=prefix.rstrip("/"),
        allow_hosts=allow_hosts,
        announce=lambda url: click.echo(
            t("web.serving", url=url, mode=t("web.mode.read_only") if read_only else t("web.mode.writable"))
        ),
    )
