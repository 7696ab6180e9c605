"""Fidelity: the share of each replayed report's concrete figures that the drafted report (not only
`fzlog summary`) writes, with the report's value and lower-bound word, in a sentence about the
figure's kind. The three reports of issue 14 and the sixteen of the survey corpus
(tests/cli/test_replay_*.py) are entered through the CLI, then `fzlog report YEAR --format json`.

Run with `-s` to see the table. The three reports must be drafted whole, each corpus report at 90%
or more, so that a change of wording that loses figures fails here. Measured when this test was
written (figures with a number or words; yes/no claims left out), before → after the sentence
templates: 人社 22% → 100%, 卫健 64% → 100%, 乡 20% → 100%; the sixteen corpus reports 59/152
(39%) → 151/152 (99%).
"""

from __future__ import annotations

import pytest

from tests.cli.replay import draft, drafted, figure_claims, replay
from tests.cli.test_replay_corpus import CORPUS
from tests.cli.test_replay_reports import REPORTS

RESULTS: dict[str, tuple[int, int]] = {}


def _registry(tmp_path):
    from fzlog.store.ledger import Ledger

    return Ledger(tmp_path / "data").registry


@pytest.mark.parametrize("case", REPORTS + CORPUS, ids=lambda c: c.slug)
def test_the_draft_writes_the_reports_figures(run, tmp_path, case):
    replay(run, tmp_path, case)
    paragraphs = draft(run, case)
    figures = figure_claims(case)
    found = drafted(paragraphs, _registry(tmp_path), case)
    RESULTS[case.slug] = (len(found), len(figures))
    missing = [c.quote for c in figures if c not in found]
    share = len(found) / len(figures)
    print(f"\n{case.slug}: {len(found)}/{len(figures)} = {100 * share:.0f}%  missing: {missing}")
    assert share >= (1.0 if case in REPORTS else 0.9), (case.slug, missing)
