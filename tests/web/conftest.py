"""Fixtures of the web workbench's tests: an app over a copy of the sample ledger or an empty
one, a test client that carries the CSRF token as a browser would, and a live server."""

from __future__ import annotations

import os
import re
import threading

import pytest

if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    import flask  # noqa: F401  (in CI the web extra must be installed: a missing one fails)
else:
    pytest.importorskip("flask", reason="the web extra is not installed (pip install '.[web]')")

from fzlog.store.ledger import init  # noqa: E402
from fzlog.web import create_app  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Client:
    """Flask's test client, with ``post_form`` fetching a page first for its CSRF token."""

    def __init__(self, app):
        self.app = app
        self.http = app.test_client()

    def get(self, url, **kw):
        return self.http.get(url, **kw)

    def token(self, page="/records/new") -> str:
        m = TOKEN.search(self.http.get(page).get_data(as_text=True))
        assert m, f"no CSRF token on {page}"
        return m[1]

    def post_form(self, url, data, *, page=None, **kw):
        data = {"csrf_token": self.token(page or url), **data}
        return self.http.post(url, data=data, **kw)

    def post(self, url, **kw):
        return self.http.post(url, **kw)


@pytest.fixture
def empty_ledger(tmp_path):
    return init(tmp_path / "empty", "空白局")


@pytest.fixture
def app(sample):
    return create_app([sample])


@pytest.fixture
def client(app):
    return Client(app)


@pytest.fixture
def make_client():
    def make(roots, **kw):
        return Client(create_app(list(roots), **kw))

    return make


@pytest.fixture
def live_server():
    """Serve an app with waitress on a free port in a thread; yields a function app → base URL."""
    from waitress.server import create_server

    servers = []
    stopping = threading.Event()

    def serve(server) -> None:
        try:
            server.run()
        except OSError:  # the socket closed under select() at teardown (EBADF): the stop asked for
            if not stopping.is_set():
                raise

    def start(app) -> str:
        server = create_server(app, host="127.0.0.1", port=0, threads=2)
        thread = threading.Thread(target=serve, args=(server,), daemon=True)
        thread.start()
        servers.append(server)
        return f"http://127.0.0.1:{server.effective_port}"

    yield start
    stopping.set()
    for server in servers:
        server.close()
