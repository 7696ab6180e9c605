"""What keeps the workbench to the people meant to use it: the Host header (against DNS
rebinding), a CSRF token on every form POST, a password when served beyond this computer (with
a limit on wrong guesses per address), and response headers that keep pages from running anything but their own scripts."""

from __future__ import annotations

import collections
import hmac
import ipaddress
import math
import os
import secrets
import threading
import time

from flask import Flask, abort, redirect, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
PASSWORD_ENV = "FZLOG_PASSWORD"


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def hash_password(password: str) -> str:
    """The line to keep in fzlog.toml (``[web] password_hash = "…"``): never the password itself."""
    return generate_password_hash(password)


def password_hash_of(config_raw, env=None) -> str | None:
    """The configured password: ``FZLOG_PASSWORD`` (hashed here, in memory), else the hash kept in
    the first ledger's fzlog.toml under ``[web] password_hash``."""
    env = os.environ if env is None else env
    if env.get(PASSWORD_ENV):
        return generate_password_hash(env[PASSWORD_ENV])
    web = config_raw.get("web") if isinstance(config_raw, dict) else None
    value = web.get("password_hash") if isinstance(web, dict) else None
    return value if isinstance(value, str) and value else None


def allowed_hosts(bound: str, port: int | None) -> set[str]:
    """Host header values this server answers to: loopback names, and the bound address."""
    names = set(LOOPBACK_NAMES)
    if bound not in ("0.0.0.0", "::", ""):
        names.add(bound.strip("[]").lower())
    return names


def _host_name(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def csrf_token() -> str:
    token = session.get(CSRF_FIELD)
    if not token:
        token = session[CSRF_FIELD] = secrets.token_urlsafe(32)
    return token


def install(
    app: Flask, *, bound: str, port: int | None, password_hash: str | None, extra_hosts: tuple[str, ...] = ()
) -> None:
    hosts = allowed_hosts(bound, port) | {h.lower() for h in extra_hosts}
    open_to_network = bound in ("0.0.0.0", "::")

    @app.before_request
    def _guard():
        name = _host_name(request.host or "")
        if not (name in hosts or (open_to_network and password_hash and _is_ip(name))):
            abort(400, description="host")
        if request.method == "POST":
            sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER, "")
            expected = session.get(CSRF_FIELD, "")
            if not expected or not hmac.compare_digest(str(sent), str(expected)):
                abort(400, description="csrf")
        if password_hash and not session.get("signed_in") and request.endpoint not in ("login", "static"):
            if request.path.startswith(_api_prefix()):
                abort(401)
            return redirect(url_for("login", next=request.full_path if request.query_string else request.path))
        return None

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            "form-action 'self'",
        )
        return response

    app.jinja_env.globals["csrf_token"] = csrf_token
    app.config["PASSWORD_HASH"] = password_hash
    app.extensions["fzlog_guesses"] = Guesses()


def guesses(app: Flask) -> Guesses:
    """The app's count of wrong passwords (see :class:`Guesses`)."""
    return app.extensions["fzlog_guesses"]


class Guesses:
    """Password tries per client address (an IPv6 address by its /64 network, which one computer
    may change within): after ``limit`` wrong ones within ``window`` seconds the address is
    refused the sign-in page until the oldest of them is that old. A try is counted before the
    password is looked at, so requests sent at once are counted too; a right password clears
    the address's count."""

    def __init__(self, limit: int = 10, window: float = 600.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._tries: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(address: str) -> str:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return address
        if isinstance(ip, ipaddress.IPv6Address):
            if ip.ipv4_mapped is not None:
                return str(ip.ipv4_mapped)
            return str(ipaddress.ip_network(f"{ip}/64", strict=False))
        return str(ip)

    def _recent(self, key: str, now: float) -> collections.deque[float]:
        times = self._tries.setdefault(key, collections.deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        return times

    def _wait(self, times: collections.deque[float], now: float) -> int:
        return 0 if len(times) < self.limit else max(1, math.ceil(self.window - (now - times[0])))

    def wait(self, address: str) -> int:
        """Seconds ``address`` must wait before it may try (0: it may now)."""
        with self._lock:
            now = self.clock()
            key = self._key(address)
            wait = self._wait(self._recent(key, now), now)
            if not self._tries[key]:
                del self._tries[key]
            return wait

    def take(self, address: str) -> int:
        """Count a try by ``address`` (as wrong, until :meth:`right` says otherwise), unless it
        must wait: then the seconds to wait, and nothing is counted."""
        with self._lock:
            now = self.clock()
            if len(self._tries) > 10_000:  # (let go of the addresses that tried long ago)
                for key in [k for k, v in self._tries.items() if not v or now - v[-1] >= self.window]:
                    del self._tries[key]
            times = self._recent(self._key(address), now)
            wait = self._wait(times, now)
            if not wait:
                times.append(now)
            return wait

    def right(self, address: str) -> None:
        with self._lock:
            self._tries.pop(self._key(address), None)


def check_password(app: Flask, password: str) -> bool:
    stored = app.config.get("PASSWORD_HASH")
    return isinstance(stored, str) and bool(stored) and check_password_hash(stored, password)


def _api_prefix() -> str:
    return (request.script_root or "") + "/api/"


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False
