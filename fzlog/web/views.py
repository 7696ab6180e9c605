"""The pages. Each view parses its request, calls the core as the matching command does, and
hands the result to a template."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import secrets
import shutil
import time
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, session, url_for
from werkzeug.exceptions import NotFound

from fzlog.errors import FzlogError, UsageError
from fzlog.messages import t
from fzlog.query import selected

bp = Blueprint("ledger", __name__)
PAGE_SIZE = 50
WRONG_PASSWORD_DELAY = 0.5  # seconds
SORTS = {
    "date": lambda r: (r.date, r.id),
    "kind": lambda r: (r.kind, r.date, r.id),
    "title": lambda r: (r.title, r.date),
    "id": lambda r: r.id,
}
_TOKEN = re.compile(r"^[0-9a-f]{32}$")
IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".bmp": "image/bmp",
}


# plumbing -------------------------------------------------------------------------------------
def _bench():
    return current_app.extensions["fzlog"]


@bp.url_value_preprocessor
def _pull_dept(endpoint, values):
    g.dept = values.pop("dept", 0) if values else 0


@bp.url_defaults
def _push_dept(endpoint, values):
    if _bench().county and "dept" not in values:
        values["dept"] = g.get("dept", 0)


def ledger():
    if "ledger" not in g:
        g.ledger = _bench().ledger(g.get("dept", 0))
    return g.ledger


def writable() -> None:
    if _bench().read_only:
        abort(403)


@bp.app_context_processor
def _context():
    return {
        "read_only": _bench().read_only,
        "county": _bench().county,
        "dept": g.get("dept", 0),
        "flash": session.pop("flash", "") if "flash" in session else "",
    }


def _ledger_context():
    lg = ledger()
    return {"org": lg.config.org or lg.root.name, "nav_year": default_year(years_of(lg))}


def _page(template: str, **context):
    return render_template(template, **_ledger_context(), **context)


def _year_arg(default: int | None = None) -> int:
    from fzlog.period import parse_year

    text = request.args.get("year", "")
    if not text and default is not None:
        return default
    return parse_year(text or None)


def years_of(lg) -> list[int]:
    """The ledger's years with records, found once a request (it walks the ledger's folders)."""
    key = f"years_{id(lg)}"
    if key not in g:
        setattr(g, key, lg.years())
    return getattr(g, key)


def default_year(years: list[int]) -> int:
    """This year if the ledger has it (``years``: its years with records, oldest first), else its
    latest year with records, else this year."""
    this = dt.date.today().year
    return this if this in years or not years else years[-1]


def _filters():
    """The list filters of the URL (empty boxes of the filter form mean no filter)."""
    return (
        request.args.get("period", "").strip() or None,
        [k for k in request.args.getlist("kind") if k.strip()],
        [x for x in request.args.getlist("tag") if x.strip()],
        request.args.get("q", "").strip(),
    )


def _rel(lg, path) -> str:
    try:
        return Path(path).relative_to(lg.root).as_posix()
    except ValueError:
        return str(path)


def _record_or_404(ref: str):
    """The record named in the URL, or 404 when no record has that id (the core's id grammar
    turns away anything else, ``..`` included)."""
    try:
        return ledger().get(ref)
    except FzlogError as exc:
        if exc.path is None:  # a bad or unknown id; an unreadable record file says which file
            abort(404)
        raise


# dashboard -----------------------------------------------------------------------------------
@bp.route("/")
def dashboard():
    from fzlog import period as period_mod
    from fzlog import tally as tally_mod
    from fzlog.report.model import PLACEHOLDER
    from fzlog.wording import figure_text

    lg = ledger()
    years = years_of(lg)
    year = _year_arg(default_year(years))
    per = period_mod.year(year)
    # one load serves the page, the target check and the draft (which also reads the previous
    # years it compares with)
    from fzlog.report import draft_period

    try:
        span = draft_period(lg, year) if lg.config.org else per
    except FzlogError:  # a mistake in [report] or the targets: the panels say so below
        span = per
    loaded = lg.load(span)
    records = [r for r in loaded.records if per.start <= r.date <= per.end]
    reg = lg.registry
    result = tally_mod.tally(records, reg, per)
    before = per.shifted_years(-1)
    if loaded.covers(before):  # (the draft's load holds the previous year's records)
        previous = tally_mod.tally([r for r in loaded.records if before.start <= r.date <= before.end], reg, before)
    else:  # (the cache's per-day figures: no record decoded)
        from fzlog.query import tallied

        _, _, previous, _ = tallied(lg, before)
    changes = tally_mod.change(result, previous)
    months = tally_mod.group(records, reg, per, "month")
    chart = {
        "months": [t("web.month", m=i + 1) for i in range(len(months))],
        "series": [
            {"name": kt.kind.display_label(), "data": [m.tally.count(slug) for m in months]}
            for slug, kt in result.kinds.items()
        ],
    }
    totals = [
        {
            "slug": slug,
            "label": kt.kind.display_label(),
            "count": kt.count,
            "unit": kt.kind.display_unit(),
            "words": figure_text(kt),
            "change": changes.get(slug, {}).get("count", 0),
            "previous": previous.count(slug),
        }
        for slug, kt in result.kinds.items()
    ]
    gone = [
        {
            "slug": slug,
            "label": pt.kind.display_label(),
            "unit": pt.kind.display_unit(),
            "count": 0,
            "previous": pt.count,
            "change": -pt.count,
            "words": "",
        }
        for slug, pt in previous.kinds.items()
        if slug not in result.kinds
    ]
    check = _check_or_error(lg, year, loaded=loaded)
    missing: list[str] = []
    report_error = ""
    if lg.config.org:
        try:
            from fzlog.report import draft

            checks = check.results if not isinstance(check, str) else None
            doc, _ = draft(lg, year, checks=checks, loaded=loaded)
            missing = list(dict.fromkeys(m for text in _texts(doc) for m in PLACEHOLDER.findall(text)))
        except FzlogError as exc:
            report_error = str(exc)
    else:
        report_error = t("report.no_org")
    return _page(
        "dashboard.html",
        year=year,
        years=years,
        result=result,
        totals=totals + gone,
        previous=previous,
        chart=json.dumps(chart, ensure_ascii=False).replace("<", "\\u003c"),
        check=check,
        missing=missing,
        report_error=report_error,
        problems=[p for p in loaded.problems if _folder_year(lg, p.path) in ("", str(year))],
    )


def _folder_year(lg, path) -> str:
    """The year folder ``path`` lies in ("" if none), for a page about one year."""
    from fzlog.store.layout import place_of

    return place_of(Path(_rel(lg, path)).parts).year if path is not None else ""


def _check_or_error(lg, year: int, as_of: dt.date | None = None, loaded=None):
    from fzlog.targets import check_year

    try:
        return check_year(lg, year, as_of=as_of, loaded=loaded)
    except FzlogError as exc:
        return str(exc)


def _texts(doc):
    from fzlog.report.model import Heading, Paragraph, Table

    for block in [*doc.body, *(b for a in doc.appendices for b in a.blocks)]:
        if isinstance(block, (Heading, Paragraph)):
            yield block.full_text
        elif isinstance(block, Table):
            for row in block.rows:
                yield from row


# records -------------------------------------------------------------------------------------
@bp.route("/records")
def records():
    from fzlog.query import drain, selected_years
    from fzlog.wording import key_figures

    lg = ledger()
    reg = lg.registry
    period_text, kinds, tags, text = _filters()
    per, slugs, chunks, problems = selected_years(lg, period_text, kinds, tags, text)
    sort = request.args.get("sort", "date")
    key = SORTS.get(sort.lstrip("-"), SORTS["date"])
    # each record's sort key and row, its figures worded only on the page shown (a period of
    # 100,000 records is read a year at a time, each Record let go of once its row is made)
    listed = [(key(r), _row(r, reg)) for chunk in chunks for r in drain(chunk)]
    listed.sort(key=_first, reverse=sort.startswith("-"))
    total = len(listed)
    pages = max(1, -(-total // PAGE_SIZE))
    try:
        page = min(max(1, int(request.args.get("page", "1"))), pages)
    except ValueError:
        page = 1
    rows = [row for _, row in listed[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    del listed
    for row in rows:
        rec = lg.read(row.pop("file"))[0]  # (the file it was listed from; None: gone or broken since)
        row["figures"] = key_figures(rec, reg) if rec is not None else ""
    args = {k: v for k, v in request.args.items(multi=True) if k not in ("page", "sort")}
    template = "records_table.html" if request.headers.get("HX-Request") else "records.html"
    return _page(
        template,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        sort=sort,
        period=per,
        period_text=period_text or "",
        kinds=list(reg),
        chosen=set(slugs),
        tags=tags,
        q=text,
        args=args,
        problems=problems,
    )


def _first(item):
    return item[0]


def _row(r, reg) -> dict:
    """What the list shows of a record but its figures (worded for the rows of the page shown,
    from ``file``)."""
    kind = reg.get(r.kind)
    return {
        "file": r.path,
        "id": r.id,
        "date": r.date.isoformat(),
        "kind": kind.display_label() if kind else r.kind,
        "title": r.title,
        "tags": r.tags,
        "evidence": len(r.evidence),
    }


@bp.route("/records/<path:rid>")
def record(rid: str):
    from fzlog import values
    from fzlog.store import evidence

    lg = ledger()
    rec = _record_or_404(rid)
    kind = lg.registry.get(rec.kind)
    fields = []
    for name, value in rec.fields.items():
        f = kind.field(name) if kind else None
        if f is not None and f.type == "bool":
            shown = t("label.yes") if value else t("label.no")
        else:
            from fzlog.messages import quantity

            shown = quantity(values.display(value), f.display_unit() if f else "")
        fields.append((f.display_label() if f else name, shown))
    files = []
    for i, e in enumerate(evidence.entries(lg, rec)):
        suffix = Path(e.ref).suffix.lower()
        files.append(
            {
                "n": i,
                "ref": e.ref,
                "is_file": e.is_file,
                "exists": e.exists and e.inside,
                "inside": e.inside,
                "image": suffix in IMAGE_TYPES,
                "pdf": suffix == ".pdf",
                "size": e.size,
            }
        )
    return _page(
        "record.html",
        rec=rec,
        kind=kind,
        fields=fields,
        files=files,
        path=_rel(lg, rec.path),
        saved=request.args.get("saved"),
    )


@bp.route("/records/<path:rid>/evidence/<int:n>")
def evidence_file(rid: str, n: int):
    """The n-th evidence file of a record: found by the core's evidence rules (inside the ledger
    only), never by a path taken from the URL."""
    from flask import send_file

    from fzlog.config import CONFIG_NAME
    from fzlog.store import evidence
    from fzlog.store.cache import CACHE_DIR
    from fzlog.store.layout import confine

    lg = ledger()
    rec = _record_or_404(rid)
    entries = evidence.entries(lg, rec)
    if not 0 <= n < len(entries):
        abort(404)
    e = entries[n]
    if not (e.is_file and e.inside and e.exists and e.path is not None):
        abort(404)
    try:
        path = Path(e.path).resolve()
        inside = path.relative_to(lg.root.resolve())
        confine(lg.root, Path(e.path).relative_to(lg.root).as_posix())
    except (ValueError, FzlogError):
        abort(404)
    if inside.parts and inside.parts[0].casefold() in (CONFIG_NAME, CACHE_DIR):  # through a symlink:
        abort(404)  # the ledger's settings (its password hash) and its cache are no evidence
    suffix = path.suffix.lower()
    inline = suffix in IMAGE_TYPES or suffix == ".pdf"
    mimetype = IMAGE_TYPES.get(suffix) or ("application/pdf" if suffix == ".pdf" else "application/octet-stream")
    response = send_file(path, mimetype=mimetype, as_attachment=not inline, download_name=path.name)
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


# entry form ----------------------------------------------------------------------------------
def _kind_from_args(lg, name: str | None):
    if not name:
        return None
    try:
        return lg.registry.resolve(name)
    except FzlogError:
        return None


def _form_page(kind, texts, errors, *, rec=None, status=200, message="", was=""):
    lg = ledger()
    return _page(
        "form.html", kinds=list(lg.registry), kind=kind, texts=texts, errors=errors, rec=rec, message=message, was=was
    ), status


@bp.route("/records/new", methods=["GET", "POST"])
def new_record():
    writable()
    lg = ledger()
    kind = _kind_from_args(lg, request.values.get("kind"))
    if request.method == "GET":
        texts = {"date": dt.date.today().isoformat()}
        if request.headers.get("HX-Request"):
            return render_template("form_fields.html", kind=kind, texts=texts, errors={}, rec=None)
        return _form_page(kind, texts, {})
    if kind is None:
        return _form_page(None, request.form, {"kind": t("web.form.choose_kind")}, status=422)
    return _save(lg, kind, None)


@bp.route("/records/<path:rid>/edit", methods=["GET", "POST"])
def edit_record(rid: str):
    from fzlog.entry import texts_of

    writable()
    lg = ledger()
    try:
        rec = _record_or_404(rid)
    except NotFound:
        if request.method == "POST" and request.form.get(WAS_FIELD):  # gone since the form was opened
            kind = _kind_from_args(lg, request.form.get("kind"))  # (removed, or moved by a new date or kind)
            return _form_page(kind, _form_texts(), {"form": t("web.form.gone", id=rid)}, status=409)
        raise
    if request.method == "GET":
        from fzlog.store import moves

        kind = lg.registry.get(rec.kind)
        return _form_page(kind, texts_of(rec, kind), {}, rec=rec, was=moves.fingerprint_of(rec) or "")
    kind = _kind_from_args(lg, request.form.get("kind")) or lg.registry.get(rec.kind)
    return _save(lg, kind, rec, request.form.get(WAS_FIELD, ""))


WAS_FIELD = "was"  # the edit form's fingerprint of the file it was opened on (moves.fingerprint_of)


def _form_texts() -> dict[str, str]:
    """What the record form sent of the record (not its CSRF token or fingerprint)."""
    return {k: v for k, v in request.form.items() if k not in ("csrf_token", WAS_FIELD)}


def _save(lg, kind, old, was=""):
    """Check the form as ``add`` checks its options; store uploads as ``add --attach`` does; append
    (or replace) the record; then show it. Nothing is written while anything is wrong, nor when
    the record's file changed or went since the form was opened (``was``)."""
    from dataclasses import replace

    from fzlog import entry as entry_mod
    from fzlog.store import moves
    from fzlog.store.layout import check_evidence

    texts = _form_texts()
    if old is not None and was:
        try:
            moves.check_was(old, was)  # (before any upload is stored)
        except (moves.RecordChanged, moves.RecordGone) as exc:
            return _changed_page(kind, texts, old, was, exc)
    checked = entry_mod.build(kind, texts, path=old.path if old else None, record_id=old.id if old else "")
    rec = checked.record  # (set when nothing is wrong)
    if rec is not None and not checked.errors:
        try:
            check_evidence(lg.root, rec.evidence)
        except FzlogError as exc:
            checked.errors["evidence"] = exc.message
    if checked.errors or rec is None:
        return _form_page(kind, texts, checked.errors, rec=old, status=422, was=was)
    uploads = [f for f in request.files.getlist("attach") if f and f.filename]
    if uploads:
        try:
            attached = _attach(lg, rec.date, uploads)
        except FzlogError as exc:
            return _form_page(kind, texts, {"attach": exc.message}, rec=old, status=422, was=was)
        rec = replace(rec, evidence=tuple(dict.fromkeys([*rec.evidence, *attached])))
    try:
        saved = lg.replace(old, rec, was=was or None) if old is not None else lg.add(rec)
    except (moves.RecordChanged, moves.RecordGone) as exc:
        return _changed_page(kind, texts, old, was, exc)
    except FzlogError as exc:
        return _form_page(kind, texts, {"form": str(exc)}, rec=old, status=422, was=was)
    return redirect(url_for("ledger.record", rid=saved.id, saved="1"), code=303)


def _changed_page(kind, texts, old, was, exc):
    """The form again, with what was typed, saying the record changed or went since it was opened:
    nothing is written over another person's change (HTTP 409)."""
    from fzlog.store import moves

    key = "web.form.gone" if isinstance(exc, moves.RecordGone) else "web.form.changed"
    return _form_page(kind, texts, {"form": t(key, id=old.id)}, rec=old, status=409, was=was)


def _attach(lg, day, uploads) -> list[str]:
    """Uploaded files into the day's evidence folder by ``evidence.attach`` itself: each is put
    under its own (made safe) name in a private folder first, which is removed afterwards."""
    from fzlog.store import evidence

    folder = Path(_bench().upload_dir) / secrets.token_hex(16)
    folder.mkdir()
    try:
        sources = []
        for i, up in enumerate(uploads):
            sub = folder / str(i)  # one folder each: two uploads may share a name
            sub.mkdir()
            target = sub / evidence.safe_name(Path(up.filename.replace("\\", "/")).name)
            up.save(target)
            sources.append(target)
        try:
            return evidence.attach(lg, day, sources)
        except FzlogError as exc:
            for sub in folder.iterdir():  # the user knows the file by its name, not where it waited
                exc.message = exc.message.replace(str(sub) + os.sep, "")
            raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@bp.route("/records/<path:rid>/delete", methods=["GET", "POST"])
def delete_record(rid: str):
    from fzlog.store import evidence, moves

    writable()
    lg = ledger()
    rec = _record_or_404(rid)
    if request.method == "GET":
        return _page("delete.html", rec=rec, path=_rel(lg, rec.path), was=moves.fingerprint_of(rec) or "")
    was = request.form.get(WAS_FIELD, "")
    if was:
        try:
            moves.check_was(rec, was)  # (what was confirmed is what goes)
        except moves.RecordChanged:
            error = t("web.delete.changed", id=rec.id)
            now = moves.fingerprint_of(rec) or ""  # (a second press removes what is there now)
            return _page("delete.html", rec=rec, path=_rel(lg, rec.path), error=error, was=now), 409
    kept = [e.ref for e in evidence.entries(lg, rec) if e.is_file and e.exists]
    lg.remove(rec)
    session["flash"] = t("rm.done", id=rec.id) + (
        "" if not kept else " " + t("rm.evidence_kept", files="、".join(kept))
    )
    return redirect(url_for("ledger.records"), code=303)


# check, report -------------------------------------------------------------------------------
@bp.route("/check/<year>")
def check(year: str):
    from fzlog import values
    from fzlog.errors import ValueProblem
    from fzlog.period import parse_year

    lg = ledger()
    y = parse_year(year)
    as_of = None
    if request.args.get("as_of"):
        try:
            as_of = values.parse_date(request.args["as_of"], field="as_of")
        except ValueProblem as exc:
            raise UsageError(exc.message) from None
    from fzlog.targets import check_year

    result = check_year(lg, y, as_of=as_of)
    return _page("check.html", year=y, result=result, years=years_of(lg))


def _draft(year: str):
    from fzlog.period import parse_year
    from fzlog.report import draft, draft_period
    from fzlog.report.checks import year_checks

    lg = ledger()
    y = parse_year(year)
    if not lg.config.org:
        raise UsageError(t("report.no_org"))
    loaded = lg.load(draft_period(lg, y))  # (one load for the report and its target check)
    checks = year_checks(lg, y, loaded=loaded)
    doc, _ = draft(lg, y, rounded=request.args.get("round") == "1", checks=checks, loaded=loaded)
    return y, doc


def _download_name(year: int, suffix: str) -> str:
    return t("web.report.file", year=year, org=ledger().config.org) + suffix


@bp.route("/report/<int:year>.docx")
def report_docx(year: int):
    from fzlog.report import docx

    y, doc = _draft(str(year))
    return _attachment(
        docx.render(doc),
        _download_name(y, ".docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@bp.route("/report/<int:year>.md")
def report_md(year: int):
    from fzlog.report import markdown

    y, doc = _draft(str(year))
    return _attachment(markdown.render(doc).encode("utf-8"), _download_name(y, ".md"), "text/markdown; charset=utf-8")


def _attachment(data: bytes, name: str, mimetype: str) -> Response:
    from urllib.parse import quote

    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@bp.route("/report/<year>")
def report(year: str):
    from fzlog.report.model import Heading, Paragraph, Table

    y, doc = _draft(year)
    return _page("report.html", year=y, doc=doc, Heading=Heading, Paragraph=Paragraph, Table=Table)


# import --------------------------------------------------------------------------------------
@bp.route("/import", methods=["GET", "POST"])
def import_page():
    writable()
    lg = ledger()
    if request.method == "GET":
        return _page("import.html", kinds=list(lg.registry), stage="upload", form={})
    token = request.form.get("token", "")
    upload = request.files.get("file")
    if upload and upload.filename:
        suffix = Path(upload.filename).suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            return _page(
                "import.html",
                kinds=list(lg.registry),
                stage="upload",
                form=request.form,
                error=t("web.import.bad_type"),
            ), 422
        token = secrets.token_hex(16)
        folder = Path(_bench().upload_dir) / token
        folder.mkdir()
        upload.save(folder / ("upload" + suffix))
        session["import_" + token] = Path(upload.filename).name
    if not _TOKEN.match(token):
        return _page(
            "import.html", kinds=list(lg.registry), stage="upload", form=request.form, error=t("web.import.no_file")
        ), 422
    files = list((Path(_bench().upload_dir) / token).glob("upload.*"))
    if not files or ("import_" + token) not in session:
        abort(404)
    name = session["import_" + token]
    try:
        outcome = _import_check(lg, files[0], request.form.get("kind", ""), request.form.get("maps", ""))
    except FzlogError as exc:
        return _page(
            "import.html",
            kinds=list(lg.registry),
            stage="upload",
            form=request.form,
            error=str(exc).replace(str(files[0]), name),
        ), 422
    plans, checked, compared = outcome
    if request.form.get("confirm") == "1" and not checked.errors:
        from fzlog.exchange import importer

        written = importer.write(lg, checked.candidates)
        shutil.rmtree(Path(_bench().upload_dir) / token, ignore_errors=True)
        session.pop("import_" + token, None)
        return _page(
            "import.html",
            kinds=list(lg.registry),
            stage="done",
            written=written,
            name=name,
            form=request.form,
            existing=len(compared.existing),
        )
    return _page(
        "import.html",
        kinds=list(lg.registry),
        stage="preview",
        plans=plans,
        checked=checked,
        compared=compared,
        token=token,
        name=name,
        form=request.form,
        target_label=lambda target, plan: _target_label(target, plan, lg.registry),
    ), (422 if checked.errors else 200)


def _import_check(lg, path: Path, kind_name: str, maps_text: str):
    """What ``fzlog import FILE --kind K --map …`` checks, in the same order with the same rules."""
    from fzlog.exchange import importer, tabular

    reg = lg.registry
    kind = reg.resolve(kind_name) if kind_name else None
    maps = [line.strip() for line in maps_text.splitlines() if line.strip()]
    explicit = importer.parse_maps(maps, reg)
    read = tabular.read(path, choose=lambda names: importer.choose_sheets(names, reg, ()))
    plans = importer.plan(read, reg, kind=kind, maps=explicit)
    if not plans:
        raise FzlogError(t("import.nothing", path=path))
    checked = importer.check(plans, reg, root=lg.root)
    compared = importer.compare(lg, checked.candidates) if not checked.errors else None
    return plans, checked, compared


def _target_label(target, plan, registry) -> str:
    from fzlog.exchange import columns as cols

    if target is None:
        return "—"
    if target in cols.COMMON_COLUMNS:
        return cols.common_header(target)
    kinds = ([plan.kind] if plan.kind else []) + list(registry)
    f = next((k.field(target) for k in kinds if k.field(target)), None)
    return f.display_label() if f else target


# JSON ----------------------------------------------------------------------------------------
@bp.route("/api/summary")
def api_summary():
    """The JSON of ``fzlog summary PERIOD --json`` (with --kind/--tag/--grep as kind/tag/q)."""
    from fzlog import tally as tally_mod

    lg = ledger()
    period_text, kinds, tags, text = _filters()
    per, slugs, recs, _ = selected(lg, period_text, kinds, tags, text)
    return _json(tally_mod.tally(recs, lg.registry, per, slugs).to_dict())


@bp.route("/api/records")
def api_records():
    """The JSON of ``fzlog list PERIOD --json``, written as it is made: a long period is read a
    year at a time and never held whole, as records or as text."""
    from fzlog.outtext import json_array_pieces
    from fzlog.query import drain, selected_years

    lg = ledger()
    period_text, kinds, tags, text = _filters()
    _, _, chunks, _ = selected_years(lg, period_text, kinds, tags, text)
    items = (r.to_dict() for chunk in chunks for r in drain(chunk))
    return Response(_then(json_array_pieces(items), "\n"), mimetype="application/json")


def _then(pieces, last: str):
    yield from pieces
    yield last


def _json(data) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, indent=2) + "\n", mimetype="application/json")


# county --------------------------------------------------------------------------------------
def county():
    """Each department with its figures and target verdicts; the county's total."""
    from fzlog import period as period_mod
    from fzlog import tally as tally_mod
    from fzlog.wording import figure_text

    bench = _bench()
    ledgers = [bench.ledger(i) for i in range(len(bench.roots))]
    years = sorted({y for lg in ledgers for y in lg.years()})
    year = _year_arg(max((default_year(years_of(lg)) for lg in ledgers), default=dt.date.today().year))
    per = period_mod.year(year)
    rows = []
    tallies = []
    for i, lg in enumerate(ledgers):
        try:
            tl = tally_mod.tally(lg.load(per).records, lg.registry, per)
            error = ""
        except FzlogError as exc:
            tl, error = tally_mod.Tally(per), str(exc)
        tallies.append(tl)
        check = _check_or_error(lg, year)
        rows.append(
            {
                "n": i,
                "org": lg.config.org or lg.root.name,
                "tally": tl,
                "error": error,
                "check": check if not isinstance(check, str) else None,
                "check_error": check if isinstance(check, str) else "",
            }
        )
    total = tally_mod.combine(tallies, per)
    return render_template(
        "county.html",
        year=year,
        years=years,
        rows=rows,
        total=total,
        figure_text=figure_text,
        org=t("web.county.title"),
    )


def county_summary():
    """The JSON of ``fzlog --ledger A --ledger B summary PERIOD --json``."""
    from fzlog import period as period_mod
    from fzlog import tally as tally_mod

    bench = _bench()
    per = period_mod.parse(request.args.get("period") or None)
    parts = []
    for i in range(len(bench.roots)):
        lg = bench.ledger(i)
        parts.append((lg, tally_mod.tally(lg.load(per).records, lg.registry, per)))
    total = tally_mod.combine((tl for _, tl in parts), per)
    return _json(
        {
            "period": per.to_dict(),
            "ledgers": [{"org": lg.config.org, "path": lg.root.as_posix(), **tl.to_dict()} for lg, tl in parts],
            "total": total.to_dict(),
        }
    )


# sign-in -------------------------------------------------------------------------------------
def login():
    from fzlog.web.security import check_password, guesses

    error = ""
    tries = guesses(current_app)
    address = request.remote_addr or ""
    wait = tries.take(address) if request.method == "POST" else tries.wait(address)
    if wait:
        minutes = max(1, math.ceil(wait / 60))
        page = render_template("login.html", error=t("web.login.too_many", minutes=minutes), org="fzlog")
        return page, 429, {"Retry-After": str(wait)}
    if request.method == "POST":
        if check_password(current_app, request.form.get("password", "")):
            tries.right(address)
            session["signed_in"] = True
            target = request.args.get("next", "")
            if target.startswith("/") and target[1:2] not in ("/", "\\"):  # this site only
                return redirect((request.script_root or "") + target, code=303)
            return redirect(url_for("county") if _bench().county else url_for("ledger.dashboard"), code=303)
        time.sleep(WRONG_PASSWORD_DELAY)  # guessing takes time (the try is counted: tries.take)
        error = t("web.login.wrong")
    return render_template("login.html", error=error, org="fzlog"), 401 if error else 200


def logout():
    session.clear()
    return redirect(url_for("login"), code=303)
