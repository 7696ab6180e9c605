"""The local web workbench (``fzlog serve``): Flask pages over the same core the command line
uses, served by waitress. Imported only by the ``serve`` command; needs the ``web`` extra."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fzlog.web.app import cleanup, create_app

__all__ = ["create_app", "run", "with_prefix"]


def with_prefix(app, prefix: str):
    """Serve ``app`` under ``prefix`` (behind a reverse proxy at /fzlog/): requests outside it get 404."""
    if not prefix:
        return app.wsgi_app
    inner = app.wsgi_app

    def wsgi(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == prefix or path.startswith(prefix + "/"):
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + prefix
            environ["PATH_INFO"] = path[len(prefix) :] or "/"
            return inner(environ, start_response)
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"404"]

    return wsgi


def run(
    roots: list[Path],
    *,
    host: str,
    port: int,
    open_browser: bool,
    read_only: bool,
    password_hash: str | None,
    prefix: str = "",
    allow_hosts=(),
    announce: Callable[[str], None],
) -> None:
    import threading
    import webbrowser

    from waitress.server import create_server

    app = create_app(
        roots, read_only=read_only, host=host, port=port, password_hash=password_hash, allow_hosts=tuple(allow_hosts)
    )
    try:
        server = create_server(
            with_prefix(app, prefix),
            host=host,
            port=port,
            threads=4,
            max_request_body_size=app.config["MAX_CONTENT_LENGTH"],
        )
    except OSError as exc:  # the port is taken, or the address is not this computer's
        from fzlog.errors import UsageError
        from fzlog.messages import t

        raise UsageError(t("web.cannot_listen", host=host, port=port, reason=exc.strerror or exc)) from None
    bound_port = server.effective_port if hasattr(server, "effective_port") else port
    shown = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    url = f"http://{shown}:{bound_port}{prefix}/"
    announce(url)
    if open_browser:
        threading.Timer(0.5, lambda: webbrowser.open(url)).start()
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.close()
        cleanup(app)
