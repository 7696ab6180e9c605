"""Route tests of the web workbench with Flask's test client: every page on the sample ledger and
on an empty one, the entry form's error paths, CSRF, Host and read-only checks, and path
traversal attempts in every route parameter."""

from __future__ import annotations

import io
import json
import re
import tomllib

import pytest

from fzlog.store.ledger import Ledger

PAGES = [
    "/",
    "/?year=2024",
    "/records",
    "/records?period=2024&kind=publicity&sort=-title",
    "/records?period=2024&tag=国家宪法日&q=宪法",
    "/records/new",
    "/records/new?kind=法治宣传活动",
    "/check/2024",
    "/report/2024",
    "/import",
    "/api/summary?period=2024",
    "/api/records?period=2024",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_on_the_sample(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    assert r.get_data(as_text=True).strip()


@pytest.mark.parametrize("url", PAGES + ["/report/2024.docx", "/report/2024.md"])
def test_every_page_renders_on_an_empty_ledger(make_client, empty_ledger, url):
    r = make_client([empty_ledger]).get(url)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]


def test_dashboard_shows_the_years_figures_as_summary_counts_them(client, run, sample):
    page = client.get("/?year=2024").get_data(as_text=True)
    summary = json.loads(run("--ledger", str(sample), "summary", "2024", "--json").output)
    assert f'<span class="n">{summary["records"]}</span>' in page
    for kind in summary["kinds"].values():
        assert f"{kind['count']}{kind['unit']}" in page
        assert kind["label"] in page
    assert 'id="chart"' in page and "echarts.common.min.js" in page


def test_dashboard_compares_with_the_previous_year_as_summary_does(client, run, sample, loads):
    page = client.get("/?year=2024").get_data(as_text=True)
    assert len(loads) == 1  # one load serves the figures, the 同比, the target panel and the draft
    summary = json.loads(run("--ledger", str(sample), "summary", "2024", "--compare", "prev", "--json").output)
    rows = re.findall(r'<td class="num muted">([^<]*)</td>\s*<td class="num[^"]*">([^<]*)</td>', page)
    assert rows and all(n for n, _ in rows)
    for slug, kind in summary["kinds"].items():
        before = summary["compare"]["kinds"].get(slug, {}).get("count", 0)
        change = kind["change"]["count"]
        assert (f"{before}{kind['unit']}", f"+{change}" if change > 0 else str(change)) in rows


def test_dashboard_lists_what_the_report_still_needs(client, run, sample):
    report = run("--ledger", str(sample), "report", "2024").output
    page = client.get("/?year=2024").get_data(as_text=True)
    import re

    missing = set(re.findall(r"【待补充[^】]*】", report))
    assert missing and all(m in page for m in missing)


def test_api_gives_the_same_json_as_the_cli(client, run, sample):
    for period in ("2024", "2024-Q4", "2021..2025"):
        api = client.get(f"/api/summary?period={period}").get_json()
        cli = json.loads(run("--ledger", str(sample), "summary", period, "--json").output)
        assert api == cli
        api = client.get(f"/api/records?period={period}&kind=publicity").get_json()
        cli = json.loads(run("--ledger", str(sample), "list", period, "--kind", "publicity", "--json").output)
        assert api == cli and len(api) > 0


def test_records_list_filters_sorts_and_pages(client):
    page = client.get("/records?period=2024&kind=publicity&sort=-date").get_data(as_text=True)
    dates = [line.split(">")[1][:10] for line in page.splitlines() if 'class="nowrap">20' in line]
    assert dates and dates == sorted(dates, reverse=True)
    assert "集中学习" not in page.split('id="results"')[1]
    many = client.get("/records?period=2021..2025").get_data(as_text=True)
    assert "第 1 / " in many and "page=2" in many


def test_records_list_words_the_figures_of_the_rows_shown(client, run, sample):
    """The list keeps of each record what its row shows; the figures of the rows of the page are
    worded from their records, as ``fzlog list`` words them; the API's JSON is the CLI's, byte
    for byte, however long the period."""
    from fzlog import period as period_mod
    from fzlog.store.ledger import Ledger
    from fzlog.wording import key_figures

    lg = Ledger(sample)
    page = client.get("/records?period=2024&kind=publicity").get_data(as_text=True)
    recs = [r for r in lg.load(period_mod.parse("2024")).records if r.kind == "publicity"]
    worded = [key_figures(r, lg.registry) for r in recs]
    assert recs and all(w in page for w in worded if w) and any(worded)
    api = client.get("/api/records?period=2021..2025").get_data(as_text=True)
    assert api == run("--ledger", str(sample), "list", "2021..2025", "--json").stdout


def test_records_list_words_each_rows_figures_from_its_own_file(client, sample):
    """Two files whose names differ only in case are two records: each row's figures are its own."""
    from fzlog.store.ledger import Ledger
    from fzlog.wording import key_figures

    day = sample / "2024" / "2024-01-17"
    (day / "study-EEBD.toml").write_text(
        (day / "study-eebd.toml").read_text("utf-8").replace("participants = 14", "participants = 99"), "utf-8"
    )
    lg = Ledger(sample)
    worded = {key_figures(lg.read(day / name)[0], lg.registry) for name in ("study-eebd.toml", "study-EEBD.toml")}
    page = client.get("/records?period=2024-01").get_data(as_text=True)
    assert len(worded) == 2 and all(w in page for w in worded)


def test_bad_period_is_a_chinese_error(client):
    r = client.get("/records?period=2024-13")
    assert r.status_code == 400 and "2024-13" in r.get_data(as_text=True)


def _add(client, **fields):
    data = {"kind": "publicity", "title": "宪法宣传周", "date": "2024-12-04", "materials": "300", **fields}
    return client.post_form("/records/new", data)


def test_adding_a_record_writes_the_toml_add_would(client, sample):
    r = _add(client, tags="国家宪法日、宪法宣传周", place="巴扎")
    assert r.status_code == 303
    rid = r.headers["Location"].split("/records/", 1)[1].split("?")[0]
    path = sample / "2024" / (rid + ".toml")
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["kind"] == "publicity" and data["title"] == "宪法宣传周" and data["materials"] == 300
    assert data["tags"] == ["国家宪法日", "宪法宣传周"] and data["place"] == "巴扎"
    shown = client.get(r.headers["Location"]).get_data(as_text=True)
    assert f"2024/{rid}.toml" in shown and "已保存" in shown


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("materials", "很多", "应为非负整数"),
        ("materials", "-3", "不能为负数"),
        ("title", "  ", "标题不能为空"),
        ("date", "2024-02-30", "日期"),
    ],
)
def test_form_errors_are_the_cli_messages_next_to_the_field(client, sample, field, value, message):
    before = sorted(p.name for p in sample.rglob("*.toml"))
    r = _add(client, **{field: value})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert f'id="err-{field}"' in page
    error = page.split(f'id="err-{field}"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert sorted(p.name for p in sample.rglob("*.toml")) == before


def test_form_without_a_kind_says_so(client):
    r = client.post_form("/records/new", {"title": "x"})
    assert r.status_code == 422 and 'id="err-kind"' in r.get_data(as_text=True)


def test_upload_is_stored_as_add_attach_stores_it(client, sample, run):
    png = b"\x89PNG\r\n\x1a\n" + b"fzlog" * 20
    r = client.post_form(
        "/records/new",
        {
            "kind": "publicity",
            "title": "带照片",
            "date": "2024-12-05",
            "materials": "10",
            "attach": (io.BytesIO(png), "现场照片.png"),
        },
        content_type="multipart/form-data",
    )
    assert r.status_code == 303, r.get_data(as_text=True)[:800]
    rid = r.headers["Location"].split("/records/", 1)[1].split("?")[0]
    rec = Ledger(sample).get(rid)
    assert len(rec.evidence) == 1 and rec.evidence[0].endswith("-现场照片.png")
    stored = rec.path.parent / rec.evidence[0]
    assert stored.read_bytes() == png
    # the CLI, given the same file, names it the same
    src = sample.parent / "现场照片.png"
    src.write_bytes(png)
    out = json.loads(
        run(
            "--ledger",
            str(sample),
            "add",
            "publicity",
            "--title",
            "同一照片",
            "--date",
            "2024-12-05",
            "--attach",
            str(src),
            "--json",
        ).output
    )
    assert Ledger(sample).get(out["id"]).evidence == rec.evidence
    page = client.get(f"/records/{rid}").get_data(as_text=True)
    assert "<img" in page
    img = client.get(f"/records/{rid}/evidence/0")
    assert img.status_code == 200 and img.data == png and img.mimetype == "image/png"


def test_edit_and_delete(client, sample):
    r = _add(client)
    rid = r.headers["Location"].split("/records/", 1)[1].split("?")[0]
    r = client.post_form(
        f"/records/{rid}/edit", {"kind": "publicity", "title": "改过的标题", "date": "2024-12-04", "materials": "301"}
    )
    assert r.status_code == 303
    rec = Ledger(sample).get(rid)
    assert rec.title == "改过的标题" and rec.fields["materials"] == 301
    assert "确认删除" in client.get(f"/records/{rid}/delete").get_data(as_text=True)
    assert rec.path.exists()
    r = client.post_form(f"/records/{rid}/delete", {})
    assert r.status_code == 303 and not rec.path.exists()


def _was(client, url) -> str:
    m = re.search(r'name="was" value="([0-9a-f]{64})"', client.get(url).get_data(as_text=True))
    assert m, f"no fingerprint on {url}"
    return m[1]


def test_an_edit_saved_over_a_change_made_meanwhile_is_refused(client, sample):
    """The edit form carries the fingerprint of the file it was opened on: a change made in the
    meantime (a terminal, another window) is never overwritten, and no upload is stored."""
    rid = _add(client).headers["Location"].split("/records/", 1)[1].split("?")[0]
    path = Ledger(sample).get(rid).path
    was = _was(client, f"/records/{rid}/edit")
    changed = path.read_text("utf-8").replace('title = "', 'title = "终端里改过的')
    path.write_text(changed, "utf-8")
    evidence = sorted(sample.rglob("evidence/*"))
    form = {"kind": "publicity", "title": "网页里改的标题", "date": "2024-12-04", "was": was}
    form["attach"] = (io.BytesIO(b"png"), "照片.png")
    r = client.post_form(f"/records/{rid}/edit", form, content_type="multipart/form-data")
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and "被改动过" in page and "网页里改的标题" in page  # (what was typed is kept)
    assert path.read_text("utf-8") == changed and sorted(sample.rglob("evidence/*")) == evidence
    # opened again, on the latest content, it saves
    r = client.post_form(
        f"/records/{rid}/edit",
        {**form, "attach": (io.BytesIO(b"png"), "照片.png"), "was": _was(client, f"/records/{rid}/edit")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 303 and Ledger(sample).get(rid).title == "网页里改的标题"


def test_an_edit_of_a_record_gone_meanwhile_keeps_what_was_typed(client, run, sample):
    rid = _add(client).headers["Location"].split("/records/", 1)[1].split("?")[0]
    was = _was(client, f"/records/{rid}/edit")
    assert run("--ledger", str(sample), "rm", rid, "--yes").exit_code == 0
    form = {"kind": "publicity", "title": "网页里改的标题", "date": "2024-12-04", "was": was}
    r = client.post_form(f"/records/{rid}/edit", form, page="/records/new")
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and "已被删除或移走" in page and "网页里改的标题" in page
    assert 'name="was"' not in page  # (saved again, it is a new record)


def test_an_edit_with_the_date_emptied_is_an_error_not_a_move_to_today(client, sample):
    rid = _add(client).headers["Location"].split("/records/", 1)[1].split("?")[0]
    form = {"kind": "publicity", "title": "宣传", "date": " ", "was": _was(client, f"/records/{rid}/edit")}
    r = client.post_form(f"/records/{rid}/edit", form)
    assert r.status_code == 422 and "请填写日期" in r.get_data(as_text=True)
    assert Ledger(sample).get(rid).date.isoformat() == rid[:10]


def test_a_delete_confirmed_before_a_change_is_refused(client, sample):
    rid = _add(client).headers["Location"].split("/records/", 1)[1].split("?")[0]
    path = Ledger(sample).get(rid).path
    was = _was(client, f"/records/{rid}/delete")
    path.write_text(path.read_text("utf-8").replace('title = "', 'title = "改过的'), "utf-8")
    r = client.post_form(f"/records/{rid}/delete", {"was": was})
    assert r.status_code == 409 and "未删除" in r.get_data(as_text=True) and path.exists()
    r = client.post_form(f"/records/{rid}/delete", {"was": _was(client, f"/records/{rid}/delete")})
    assert r.status_code == 303 and not path.exists()


def test_moving_a_record_by_date_keeps_one_file(client, sample):
    rid = _add(client).headers["Location"].split("/records/", 1)[1].split("?")[0]
    r = client.post_form(f"/records/{rid}/edit", {"kind": "publicity", "title": "宪法宣传周", "date": "2024-12-06"})
    new = r.headers["Location"].split("/records/", 1)[1].split("?")[0]
    assert new.startswith("2024-12-06/") and not (sample / "2024" / (rid + ".toml")).exists()


def test_post_without_csrf_token_is_refused(client, sample):
    before = sorted(p.name for p in sample.rglob("*.toml"))
    r = client.post("/records/new", data={"kind": "publicity", "title": "x", "date": "2024-12-04"})
    assert r.status_code == 400 and "刷新" in r.get_data(as_text=True)
    client.token()
    r = client.post("/records/new", data={"kind": "publicity", "title": "x", "csrf_token": "forged"})
    assert r.status_code == 400
    assert sorted(p.name for p in sample.rglob("*.toml")) == before


@pytest.mark.parametrize("host", ["evil.example", "attacker.com:8765", "192.168.1.5"])
def test_foreign_host_header_is_refused(client, host):
    assert client.get("/", headers={"Host": host}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_read_only_refuses_every_write(make_client, sample):
    c = make_client([sample], read_only=True)
    rid = "2024-01-17/study-eebd"
    before = {p: p.read_bytes() for p in sample.rglob("*.toml")}
    with c.http.session_transaction() as session:  # a valid token: only read-only stands in the way
        session["csrf_token"] = "t0k3n"
    for url in ("/records/new", f"/records/{rid}/edit", f"/records/{rid}/delete", "/import"):
        assert c.get(url).status_code == 403
        r = c.post(url, data={"csrf_token": "t0k3n", "kind": "publicity", "title": "x"})
        assert r.status_code == 403
    assert {p: p.read_bytes() for p in sample.rglob("*.toml")} == before
    page = c.get(f"/records/{rid}").get_data(as_text=True)
    assert "/edit" not in page and "只读" in page


TRAVERSALS = [
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e/%2e%2e/fzlog.toml",
    "2024/../../../etc/passwd",
    "/etc/passwd",
    "..\\..\\fzlog.toml",
    "2024-01-17/../../fzlog",
]


@pytest.mark.parametrize("bad", TRAVERSALS)
def test_path_traversal_in_every_parameter(client, bad):
    for url in (
        f"/records/{bad}",
        f"/records/{bad}/edit",
        f"/records/{bad}/delete",
        f"/records/{bad}/evidence/0",
        f"/check/{bad}",
        f"/report/{bad}",
        f"/static/{bad}",
        f"/records?period={bad}",
        f"/?year={bad}",
        f"/api/records?period={bad}",
        f"/records?kind={bad}",
    ):
        r = client.get(url)
        assert r.status_code in (400, 404, 308), (url, r.status_code)
        assert b"root:" not in r.data and b"org =" not in r.data


def test_evidence_outside_the_ledger_is_not_served(client, sample):
    secret = sample.parent / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    day = sample / "2024" / "2024-12-30"
    day.mkdir()
    (day / "publicity-dead.toml").write_text(
        'kind = "publicity"\ndate = 2024-12-30\ntitle = "外链"\n'
        'evidence = ["../../../secret.png", "evidence/none.png"]\n',
        "utf-8",
    )
    page = client.get("/records/2024-12-30/publicity-dead").get_data(as_text=True)
    assert "不在台账目录内" in page
    for n in (0, 1, 2, -1):
        r = client.get(f"/records/2024-12-30/publicity-dead/evidence/{n}")
        assert r.status_code == 404 and b"secret" not in r.data


def test_non_loopback_needs_a_password(run, sample, monkeypatch):
    monkeypatch.delenv("FZLOG_PASSWORD", raising=False)
    r = run("--ledger", str(sample), "serve", "--host", "0.0.0.0", "--no-browser")
    assert r.exit_code == 2 and "密码" in r.output


def test_password_is_required_when_configured(make_client, sample):
    from fzlog.web.security import hash_password

    c = make_client([sample], host="0.0.0.0", password_hash=hash_password("秘密123"))
    r = c.get("/records")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    assert c.get("/api/summary").status_code == 401
    assert c.get("/", headers={"Host": "10.1.2.3:8765"}).status_code == 302
    assert c.get("/", headers={"Host": "rebind.example"}).status_code == 400
    r = c.post_form("/login", {"password": "wrong"}, page="/login")
    assert r.status_code == 401 and "密码不对" in r.get_data(as_text=True)
    r = c.post_form("/login?next=/records", {"password": "秘密123"}, page="/login")
    assert r.status_code == 303 and r.headers["Location"].endswith("/records")
    assert c.get("/records").status_code == 200


def test_ten_wrong_passwords_stop_that_address_for_a_while(make_client, sample, monkeypatch):
    from fzlog.web import views
    from fzlog.web.security import hash_password

    monkeypatch.setattr(views, "WRONG_PASSWORD_DELAY", 0)
    c = make_client([sample], host="0.0.0.0", password_hash=hash_password("pw"))
    for _ in range(10):
        assert c.post_form("/login", {"password": "guess"}, page="/login").status_code == 401
    for password in ("guess", "pw"):  # (then even the right one waits)
        r = c.post_form("/login", {"password": password}, page="/login")
        assert r.status_code == 429 and "次数过多" in r.get_data(as_text=True)
        assert 0 < int(r.headers["Retry-After"]) <= 600
    assert c.get("/login").status_code == 429
    other = {"REMOTE_ADDR": "192.168.1.20"}  # (a colleague's typos lock out no one else)
    r = c.post_form("/login", {"password": "pw"}, page="/login", environ_base=other)
    assert r.status_code == 303


def test_wrong_guesses_are_forgotten_after_the_window_and_on_a_right_one():
    from fzlog.web.security import Guesses

    now = [1000.0]
    g = Guesses(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert g.take("10.0.0.1") == 0
    assert g.take("10.0.0.1") == 60 and g.wait("10.0.0.1") == 60  # (a refused try is not counted)
    assert g.take("10.0.0.2") == 0 and g.wait("::ffff:10.0.0.1") == 60  # (the same address, IPv4-mapped)
    now[0] += 59.5
    assert g.wait("10.0.0.1") == 1
    now[0] += 0.5
    assert g.wait("10.0.0.1") == 0  # (the tries are a window old)
    for _ in range(3):
        g.take("10.0.0.1")
    assert g.wait("10.0.0.1") > 0
    g.right("10.0.0.1")
    assert g.wait("10.0.0.1") == 0
    for n in range(3):  # an IPv6 computer changing its address within its /64 network is one address
        g.take(f"2001:db8:1:2::{n + 1:x}")
    assert g.wait("2001:db8:1:2:abcd::9") > 0 and g.wait("2001:db8:1:3::1") == 0


def test_tries_sent_at_once_are_all_counted(make_client, sample, monkeypatch):
    """Wrong passwords sent in parallel (the server answers several at once) are counted before
    their password is looked at: no more than the limit get an answer other than 429."""
    from concurrent.futures import ThreadPoolExecutor

    from fzlog.web import views
    from fzlog.web.security import hash_password

    monkeypatch.setattr(views, "WRONG_PASSWORD_DELAY", 0.2)
    c = make_client([sample], host="0.0.0.0", password_hash=hash_password("pw"))
    token = c.token("/login")
    with ThreadPoolExecutor(8) as pool:
        codes = list(
            pool.map(lambda _: c.post("/login", data={"password": "x", "csrf_token": token}).status_code, range(16))
        )
    assert codes.count(401) == 10 and codes.count(429) == 6


def test_password_hash_from_fzlog_toml_or_environment():
    from werkzeug.security import check_password_hash

    from fzlog.web.security import hash_password, password_hash_of

    stored = hash_password("abc")
    assert password_hash_of({"web": {"password_hash": stored}}, env={}) == stored
    assert check_password_hash(password_hash_of({}, env={"FZLOG_PASSWORD": "xyz"}), "xyz")
    assert password_hash_of({}, env={}) is None


def test_import_preview_errors_then_all_or_nothing(client, sample):
    bad = "日期,活动名称,发放宣传资料（份）\n2024-05-01,宣传一,100\n2024-13-01,宣传二,50\n2024-05-03,宣传三,很多\n"
    before = sorted(p.name for p in sample.rglob("*.toml"))
    r = client.post_form(
        "/import",
        {"kind": "publicity", "file": (io.BytesIO(bad.encode("utf-8")), "台账.csv")},
        content_type="multipart/form-data",
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "第 3 行" in page and "第 4 行" in page and "未导入任何记录" in page
    assert sorted(p.name for p in sample.rglob("*.toml")) == before
    good = "日期,活动名称,发放宣传资料（份）\n2024-05-01,宣传一,100\n2024-05-02,宣传二,50\n"
    r = client.post_form(
        "/import",
        {"kind": "publicity", "file": (io.BytesIO(good.encode("utf-8")), "台账.csv")},
        content_type="multipart/form-data",
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "将导入 2 条新记录" in page and "发放宣传资料" in page
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    r = client.post_form("/import", {"token": token, "kind": "publicity", "maps": "", "confirm": "1"}, page="/import")
    assert "已导入 2 条" in r.get_data(as_text=True) or "2" in r.get_data(as_text=True)
    titles = {r.title for r in Ledger(sample).load().records}
    assert {"宣传一", "宣传二"} <= titles
    again = client.post_form("/import", {"token": token, "confirm": "1"}, page="/import")
    assert again.status_code in (404, 422)


def test_import_refuses_other_file_types(client):
    r = client.post_form("/import", {"file": (io.BytesIO(b"x"), "a.exe")}, content_type="multipart/form-data")
    assert r.status_code == 422 and ".xlsx" in r.get_data(as_text=True)


def test_upload_size_is_limited(make_client, sample):
    from fzlog.web.app import MAX_UPLOAD_BYTES

    c = make_client([sample])
    assert c.app.config["MAX_CONTENT_LENGTH"] == MAX_UPLOAD_BYTES
    c.app.config["MAX_CONTENT_LENGTH"] = 2000
    r = c.post_form(
        "/records/new",
        {"kind": "publicity", "title": "大文件", "date": "2024-12-04", "attach": (io.BytesIO(b"x" * 5000), "big.jpg")},
        content_type="multipart/form-data",
    )
    assert r.status_code == 413 and "过大" in r.get_data(as_text=True)
    assert not list(sample.rglob("big.jpg")) and not list(sample.rglob("*-big.jpg"))


def test_report_downloads(client):
    import docx

    r = client.get("/report/2024.docx")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.data)).paragraphs)
    assert "2024" in text and "法治政府建设" in text
    md = client.get("/report/2024.md").get_data(as_text=True)
    assert md.startswith("# ")
    html = client.get("/report/2024").get_data(as_text=True)
    assert "【待补充" in html and 'class="todo"' in html


def test_check_page_links_evidence(client, run, sample):
    data = json.loads(run("--ledger", str(sample), "check", "2024", "--json").output)
    page = client.get("/check/2024").get_data(as_text=True)
    for target in data["targets"]:
        assert target["title"] in page
        for rid in target["evidence"]:
            assert f'href="/records/{rid}"' in page
    assert "<details>" in page


def test_county_view_and_drill_down(make_client, sample, empty_ledger, run):
    c = make_client([sample, empty_ledger])
    page = c.get("/?year=2024").get_data(as_text=True)
    assert "于田县科学技术局" in page and "空白局" in page and 'href="/d/1/?year=2024"' in page
    assert c.get("/d/0/?year=2024").status_code == 200
    assert c.get("/d/1/records").status_code == 200
    assert c.get("/d/2/").status_code == 404
    api = c.get("/api/summary?period=2024").get_json()
    cli = json.loads(run("--ledger", str(sample), "--ledger", str(empty_ledger), "summary", "2024", "--json").output)
    assert api == cli


def test_english(client):
    from fzlog.messages import set_lang

    set_lang("en")
    page = client.get("/?year=2024").get_data(as_text=True)
    assert "at a glance" in page and "Targets" in page


def test_core_cli_never_imports_the_web(run, sample):
    import subprocess
    import sys

    code = (
        "import sys; from fzlog.cli import cli; cli.main(['--ledger', sys.argv[1], 'summary', '2024'], "
        "standalone_mode=False); print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('flask', 'waitress', 'werkzeug', 'jinja2') or m.startswith('fzlog.web')))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]")


def test_fzlog_serve_serves_the_ledger(sample):
    """The command itself: starts waitress on a free port, says where, answers, stops on SIGTERM."""
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "fzlog", "--ledger", str(sample), "serve", "--no-browser", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FZLOG_LANG": "zh"},
    )
    try:
        line = proc.stdout.readline()
        assert "http://localhost:" in line and "可填报" in line
        url = line.split("：", 1)[1].split()[0]
        with urllib.request.urlopen(url + "records?period=2024", timeout=10) as r:
            assert r.status == 200 and "党组理论学习中心组" in r.read().decode("utf-8")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)


def test_evidence_reaching_out_of_the_ledger_is_refused_at_its_field(client, sample):
    before = sorted(p.name for p in sample.rglob("*"))
    r = _add(client, evidence="../../../etc/passwd.txt")
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and 'id="err-evidence"' in page
    assert sorted(p.name for p in sample.rglob("*")) == before


def test_served_under_a_prefix(app):
    from werkzeug.test import Client as WsgiClient

    from fzlog.web import with_prefix

    c = WsgiClient(with_prefix(app, "/fzlog"))
    r = c.get("/fzlog/records?period=2024")
    assert r.status_code == 200 and 'href="/fzlog/records/' in r.get_data(as_text=True)
    assert c.get("/records").status_code == 404


def test_yes_no_field_error(client):
    r = client.post_form(
        "/records/new", {"kind": "meeting", "title": "专题会议", "date": "2024-03-01", "chaired_by_principal": "也许"}
    )
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and 'id="err-chaired_by_principal"' in page and "也许" in page


@pytest.mark.parametrize(
    "form,expected",
    [
        ({}, "请选择要导入的文件"),
        ({"token": "../../etc"}, "请选择要导入的文件"),
        ({"maps": "发放资料=nosuchfield"}, "nosuchfield"),
        ({"kind": "没有这个类型"}, "没有这个类型"),
    ],
)
def test_import_form_errors(client, sample, form, expected):
    data = dict(form)
    if "token" not in form:
        csv = "日期,活动名称,发放资料\n2024-05-01,宣传一,100\n"
        data["file"] = (io.BytesIO(csv.encode("utf-8")), "台账.csv") if form else (io.BytesIO(b""), "")
    before = sorted(p.name for p in sample.rglob("*.toml"))
    r = client.post_form("/import", data, content_type="multipart/form-data")
    assert r.status_code in (404, 422) and expected in r.get_data(as_text=True)
    assert sorted(p.name for p in sample.rglob("*.toml")) == before


def test_delete_needs_the_csrf_token(client, sample):
    rec = Ledger(sample).get("2024-01-17/study-eebd")
    r = client.post("/records/2024-01-17/study-eebd/delete")
    assert r.status_code == 400 and rec.path.exists()


def test_import_mapping_can_be_changed_without_uploading_again(client, sample):
    csv = "日期,活动名称,份数\n2024-05-01,宣传一,100\n"
    r = client.post_form(
        "/import",
        {"kind": "publicity", "file": (io.BytesIO(csv.encode("utf-8")), "台账.csv")},
        content_type="multipart/form-data",
    )
    page = r.get_data(as_text=True)
    token = page.split('name="token" value="', 1)[1].split('"', 1)[0]
    assert "不认识" in page  # 份数 is not a header fzlog knows
    r = client.post_form("/import", {"token": token, "kind": "publicity", "maps": "份数=materials"}, page="/import")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "--map 指定" in page and "将导入 1 条新记录" in page


def test_symlinked_evidence_is_not_served(client, sample):
    import os

    secret = sample.parent / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    day = sample / "2024" / "2024-12-29"
    (day / "evidence").mkdir(parents=True)
    try:
        os.symlink(secret, day / "evidence" / "link.png")
    except OSError:
        pytest.skip("no symlinks here")
    (day / "publicity-beef.toml").write_text(
        'kind = "publicity"\ndate = 2024-12-29\ntitle = "链接"\nevidence = ["evidence/link.png"]\n', "utf-8"
    )
    r = client.get("/records/2024-12-29/publicity-beef/evidence/0")
    assert r.status_code == 404 and b"secret" not in r.data


def test_evidence_linked_to_the_ledgers_own_files_is_not_served(client, sample):
    # a reference "../../fzlog.toml" is refused; a symlink under evidence/ that leads to the
    # ledger's fzlog.toml (where the password hash is kept) or its cache must be refused too
    import os

    day = sample / "2024" / "2024-12-28"
    (day / "evidence").mkdir(parents=True)
    try:
        os.symlink(sample / "fzlog.toml", day / "evidence" / "config.pdf")
        os.symlink(sample / ".fzlog-cache", day / "evidence" / "cache")
    except OSError:
        pytest.skip("no symlinks here")
    assert client.get("/records?period=2024").status_code == 200  # fills the cache
    cached = sorted(p.name for p in (sample / ".fzlog-cache").iterdir() if p.is_file())
    refs = ["evidence/config.pdf", *(f"evidence/cache/{name}" for name in cached)]
    (day / "publicity-cafe.toml").write_text(
        f'kind = "publicity"\ndate = 2024-12-28\ntitle = "链接"\nevidence = {json.dumps(refs, ensure_ascii=False)}\n',
        "utf-8",
    )
    assert client.get("/records/2024-12-28/publicity-cafe").status_code == 200
    for n in range(len(refs)):
        r = client.get(f"/records/2024-12-28/publicity-cafe/evidence/{n}")
        assert r.status_code == 404 and b"org =" not in r.data


def test_sign_in_never_redirects_off_the_site(make_client, sample):
    from fzlog.web.security import hash_password

    c = make_client([sample], host="0.0.0.0", password_hash=hash_password("pw"))
    for target in ("//evil.example/", "/\\evil.example/", "https://evil.example/"):
        r = c.post_form(f"/login?next={target}", {"password": "pw"}, page="/login")
        assert r.status_code == 303 and "evil" not in r.headers["Location"]


def test_serve_on_a_taken_port_says_so(run, sample):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run("--ledger", str(sample), "serve", "--no-browser", "--port", str(port))
    assert r.exit_code == 2 and "--port" in r.output


def test_hash_password_prints_what_fzlog_toml_keeps(run):
    from werkzeug.security import check_password_hash

    r = run("serve", "--hash-password", input="秘密\n秘密\n")
    assert r.exit_code == 0
    line = next(x for x in r.output.splitlines() if x.startswith("password_hash = "))
    assert "[web]" in r.output and check_password_hash(tomllib.loads(line)["password_hash"], "秘密")
