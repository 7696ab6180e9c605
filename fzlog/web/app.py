"""The Flask application: one blueprint of ledger pages (at ``/`` for one ledger, at ``/d/<n>/``
for each department of a county), the county view, sign-in, and error pages.

Every page reads the ledger through the core (``Ledger.load``, ``query``, ``tally``,
``targets.check_year``, ``report.draft``, ``exchange.importer``) exactly as the command line does;
nothing here decides a figure."""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
from pathlib import Path

from flask import Flask, abort, render_template, request

from fzlog.errors import FzlogError
from fzlog.messages import get_lang, quantity, t
from fzlog.web import security

MAX_UPLOAD_BYTES = 100 * 1024 * 1024 + 1024 * 1024  # the evidence limit of `add --attach`, and the form around it


class Workbench:
    """What the server was started with: the ledgers (folders), whether it may write."""

    def __init__(self, roots: list[Path], *, read_only: bool = False):
        self.roots = [Path(r) for r in roots]
        self.read_only = read_only
        self._upload_dir: Path | None = None

    @property
    def upload_dir(self) -> Path:
        """A private folder for uploads on their way into the ledger (made on first use)."""
        if self._upload_dir is None:
            self._upload_dir = Path(tempfile.mkdtemp(prefix="fzlog-web-"))
        return self._upload_dir

    @property
    def county(self) -> bool:
        return len(self.roots) > 1

    def ledger(self, index: int):
        """A fresh view of ledger ``index`` for this request: the files as they are now (the
        record cache on disk makes re-reading cheap); its settings read again too."""
        from fzlog.store.ledger import Ledger

        if not 0 <= index < len(self.roots):
            abort(404)
        return Ledger(self.roots[index])


def create_app(
    roots: list[Path],
    *,
    read_only: bool = False,
    host: str = "127.0.0.1",
    port: int | None = None,
    password_hash: str | None = None,
    allow_hosts: tuple[str, ...] = (),
) -> Flask:
    here = Path(__file__).parent
    app = Flask("fzlog.web", template_folder=str(here / "templates"), static_folder=str(here / "static"))
    app.secret_key = secrets.token_bytes(32)  # sessions (CSRF token, sign-in) last as long as the server
    app.config.update(
        MAX_CONTENT_LENGTH=MAX_UPLOAD_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        # cookies are kept per host, not per port: two workbenches side by side keep apart
        SESSION_COOKIE_NAME=f"fzlog_session_{port}" if port else "fzlog_session",
    )
    bench = Workbench(roots, read_only=read_only)
    app.extensions["fzlog"] = bench
    security.install(app, bound=host, port=port, password_hash=password_hash, extra_hosts=allow_hosts)

    from fzlog.web import views

    if bench.county:
        app.register_blueprint(views.bp, url_prefix="/d/<int:dept>")
        app.add_url_rule("/", "county", views.county)
        app.add_url_rule("/api/summary", "county_summary", views.county_summary)
    else:
        app.register_blueprint(views.bp)
    app.add_url_rule("/login", "login", views.login, methods=["GET", "POST"])
    app.add_url_rule("/logout", "logout", views.logout, methods=["POST"])

    app.jinja_env.globals.update(t=t, lang=get_lang, today=dt.date.today, quantity=quantity)
    app.jinja_env.tests["instanceof"] = isinstance
    app.jinja_env.filters["placeholders"] = _mark_placeholders
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.errorhandler(FzlogError)
    def _fzlog_error(exc: FzlogError):
        from fzlog.errors import UsageError

        status = 400 if isinstance(exc, UsageError) else 422
        return render_template("error.html", message=str(exc), hint=exc.hint), status

    @app.errorhandler(400)
    @app.errorhandler(401)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def _http_error(exc):
        key = {
            400: "web.err.bad_request",
            401: "web.err.unauthorized",
            403: "web.err.read_only",
            404: "web.err.not_found",
            405: "web.err.method",
            413: "web.err.too_large",
        }[exc.code]
        if exc.code == 400 and exc.description in ("host", "csrf"):
            key = "web.err." + exc.description
        message = t(key, limit=MAX_UPLOAD_BYTES // (1024 * 1024))
        if request.path.startswith((request.script_root or "") + "/api/"):
            return {"error": message}, exc.code
        return render_template("error.html", message=message, hint=""), exc.code

    return app


def _mark_placeholders(text: str):
    """The report's 【待补充…】 marks highlighted, the rest escaped."""
    from markupsafe import Markup, escape

    from fzlog.report.model import PLACEHOLDER

    escaped = str(escape(text))
    return Markup(PLACEHOLDER.sub(lambda m: f'<mark class="todo">{m[0]}</mark>', escaped))


def cleanup(app: Flask) -> None:
    """Remove uploads waiting for an import to be confirmed (the server is stopping)."""
    import shutil

    folder = app.extensions["fzlog"]._upload_dir
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
