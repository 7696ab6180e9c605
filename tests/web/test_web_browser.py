"""Real-browser tests of the workbench: pytest + Playwright driving the system's chromium
(Playwright's own browser download is not needed). Skipped only outside CI when chromium is not
installed; in CI (CI=true) a missing chromium fails."""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest

from fzlog.store.ledger import Ledger

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = (
    os.environ.get("FZLOG_CHROMIUM")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
    or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

if CHROMIUM is None and not IN_CI:
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright import sync_api  # noqa: E402  (in the test extra)

# A 1x1 PNG: the evidence image uploaded through the form.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201"
    "a5f1f7d60000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "chromium is required in CI: apt-get install chromium"
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def site(sample, live_server):
    from fzlog.web import create_app

    return live_server(create_app([sample], port=None))


@pytest.fixture
def shots(tmp_path):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


def test_dashboard_shows_the_figures_and_a_rendered_chart(page, site, sample, run, shots):
    summary = json.loads(run("--ledger", str(sample), "summary", "2024", "--json").output)
    page.goto(site + "/?year=2024")
    page.wait_for_selector("#chart[data-rendered='1'] canvas")
    totals = page.locator("table.totals").inner_text()
    for kind in summary["kinds"].values():
        assert kind["label"] in totals and f"{kind['count']}{kind['unit']}" in totals
    assert page.locator(".kpi .n").first.inner_text() == str(summary["records"])
    # the canvas has been drawn on: not every pixel the same
    painted = page.evaluate("""() => { const c = document.querySelector('#chart canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const seen = new Set(); for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] + ',' + d[i+1] + ',' + d[i+2]);
        return seen.size; }""")
    assert painted > 5
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
    if os.environ.get("FZLOG_DOCS_SCREENSHOT"):
        shutil.copy(shots / "dashboard.png", REPO / "docs" / "img" / "dashboard.png")


def test_add_a_record_by_chinese_labels_with_an_image(page, site, sample, tmp_path, shots):
    image = tmp_path / "现场照片.png"
    image.write_bytes(PNG)
    page.goto(site + "/records/new")
    page.get_by_label("类型").select_option(label="法治宣传活动")
    page.get_by_label("发放宣传资料").wait_for()  # the kind's fields, swapped in by htmx
    page.get_by_label("标题").fill("国家宪法日法治宣传活动")
    page.get_by_label("日期", exact=True).fill("2024-12-04")
    page.get_by_label("发放宣传资料").fill("300")
    page.get_by_label("上传佐证材料").set_input_files(str(image))
    page.screenshot(path=str(shots / "form.png"), full_page=True)
    page.get_by_role("button", name="保存").click()
    page.wait_for_selector("text=已保存")
    shown = page.locator("code.path").inner_text()
    path = sample / shown
    data = tomllib.loads(path.read_text("utf-8"))
    assert data["kind"] == "publicity" and data["title"] == "国家宪法日法治宣传活动"
    assert data["date"].isoformat() == "2024-12-04" and data["materials"] == 300
    assert len(data["evidence"]) == 1 and (path.parent / data["evidence"][0]).read_bytes() == PNG
    assert page.locator("img.evidence-img").evaluate("img => img.naturalWidth") == 1

    # in the list, and in the dashboard's totals
    page.goto(site + "/records?period=2024-12&kind=publicity")
    assert "国家宪法日法治宣传活动" in page.locator("#results").inner_text()
    count = sum(r.kind == "publicity" for r in Ledger(sample).load().records if r.date.year == 2024)
    page.goto(site + "/?year=2024")
    row = page.locator("table.totals tr", has_text="法治宣传活动")
    assert f"{count}场/次" in row.inner_text()


def test_a_bad_value_shows_the_chinese_error_next_to_the_field(page, site, sample):
    before = sorted(p.name for p in sample.rglob("*.toml"))
    page.goto(site + "/records/new?kind=publicity")
    page.get_by_label("标题").fill("宣传")
    page.get_by_label("发放宣传资料").fill("很多")
    page.get_by_role("button", name="保存").click()
    error = page.locator("#err-materials")
    assert "应为非负整数" in error.inner_text()
    # next to its field: right below the box it is about
    box, err = page.get_by_label("发放宣传资料").bounding_box(), error.bounding_box()
    assert 0 <= err["y"] - (box["y"] + box["height"]) < 40
    assert page.get_by_label("发放宣传资料").input_value() == "很多"  # what was typed is kept
    assert sorted(p.name for p in sample.rglob("*.toml")) == before


def test_check_page_and_report_download(page, site, shots, tmp_path):
    import docx

    page.goto(site + "/check/2024")
    assert page.locator("table.check tbody.target").count() > 3
    page.screenshot(path=str(shots / "check.png"), full_page=True)
    page.goto(site + "/report/2024")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载 Word 文件").click()
    target = tmp_path / "report.docx"
    info.value.save_as(target)
    assert info.value.suggested_filename.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(target).paragraphs)
    assert "2024年法治政府建设" in text


def test_import_a_small_xlsx_through_the_page(page, site, sample, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["日期", "活动名称", "发放宣传资料（份）", "接受群众咨询（人/次）"])
    ws.append(["2024-06-01", "六一普法进校园", 120, 30])
    ws.append(["2024-06-15", "民法典宣传月集中宣传", 400, 85])
    xlsx = tmp_path / "宣传台账.xlsx"
    wb.save(xlsx)
    page.goto(site + "/import")
    page.get_by_label("台账文件").set_input_files(str(xlsx))
    page.get_by_label("记录类型").select_option(label="法治宣传活动")
    page.get_by_role("button", name="检查并预览").click()
    preview = page.locator("#import-preview").inner_text()
    assert "六一普法进校园" in preview and "民法典宣传月集中宣传" in preview
    page.locator("#import-confirm").click()
    assert "2" in page.locator("#import-done").inner_text()
    got = {r.title: r.fields for r in Ledger(sample).load().records if r.date.month == 6 and r.date.year == 2024}
    assert got["六一普法进校园"]["materials"] == 120 and got["民法典宣传月集中宣传"]["consultations"] == 85


def test_list_filters_update_in_place_and_stay_in_the_address(page, site, sample):
    partial = []
    page.on("request", lambda r: partial.append(r.url) if r.headers.get("hx-request") == "true" else None)
    page.goto(site + "/records?period=2024")
    page.get_by_label("类型").select_option(label="集中学习")
    page.wait_for_url("**kind=study**")
    studies = [r for r in Ledger(sample).load().records if r.kind == "study" and r.date.year == 2024]
    assert page.locator("#results tbody tr").count() == len(studies)
    assert partial, "the list was not updated by htmx"


def test_picking_a_year_shows_it(page, site):
    page.goto(site + "/?year=2024")
    page.wait_for_selector("#chart[data-rendered='1'] canvas")
    page.get_by_label("年度").select_option("2023")
    page.wait_for_url("**year=2023**")
    assert page.locator("h1").inner_text().startswith("2023")
    page.wait_for_selector("#chart[data-rendered='1'] canvas")
