"""The shipped sample ledger reproduces the seed report's 2024 figures."""

import json

from click.testing import CliRunner

from fzlog.cli import cli
from tests.conftest import SAMPLE


def summary(*args):
    r = CliRunner().invoke(cli, ["--ledger", str(SAMPLE), "summary", *args, "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


def test_seed_figures_2024():
    k = summary("2024")["kinds"]
    assert k["study"]["count"] == 12
    assert k["seminar"]["count"] == 4
    assert k["policy-notice"]["count"] == 4
    assert k["enterprise-visit"]["count"] == 22
    assert k["enterprise-visit"]["fields"]["problems_solved"] == 6
    assert k["publicity"]["count"] == 12
    assert 2000 <= k["publicity"]["fields"]["materials"] < 2100
    assert 300 <= k["publicity"]["fields"]["consultations"] < 400
    assert k["meeting"]["count"] == 1 and k["meeting"]["fields"]["chaired_by_principal"] == 1
    assert k["counsel"]["count"] >= 1
    for absent in ("lecture", "shufa", "decision"):
        assert absent not in k
    for zero in ("litigation", "reconsideration"):  # reported even when nothing happened: a zero figure
        assert k[zero]["count"] == 0


def test_normative_doc_2020_onward():
    k = summary("2020..2024")["kinds"]["normative-doc"]
    assert k["count"] == 1
    assert k["fields"]["public_comment"] == k["fields"]["legality_review"] == k["fields"]["filed"] == 1


def test_plan_and_annual_report():
    r = CliRunner().invoke(cli, ["--ledger", str(SAMPLE), "list", "2024..2025", "--json"])
    recs = json.loads(r.output)
    plans = [x for x in recs if x["kind"] == "plan" and x["fields"].get("for_year") == 2024]
    assert len(plans) == 1 and plans[0]["fields"]["plan_type"] == "普法计划"
    reports = [x for x in recs if x["kind"] == "annual-report" and x["fields"]["for_year"] == 2024]
    assert len(reports) == 1 and reports[0]["fields"]["submitted"] == "2025-02-28"


def test_sample_files_follow_the_contract():
    """Every shipped record is byte-identical to what fzlog itself would write."""
    from fzlog import record
    from fzlog.store.ledger import Ledger

    lg = Ledger(SAMPLE)
    loaded = lg.load()
    assert loaded.problems == []
    assert len(loaded.records) > 100
    for rec in loaded.records:
        assert record.to_toml(rec, lg.registry) == rec.path.read_text("utf-8"), rec.id
