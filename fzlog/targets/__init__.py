"""The target checklist: hold a year of the ledger against the Implementation Outline's targets
(and a region's or the ledger's own), each result with the records that prove it.

    from fzlog.targets import check_year
    result = check_year(ledger, 2024)            # as_of, profile, targets_file, only, loaded
    for r in result.results:
        r.target.id, r.status, r.required, r.actual, r.evidence, r.missing_evidence
        r.target.state, r.target.local, r.target.source_lines()
    result.not_in_force, result.expired_sources
    result.to_dict(); result.ok
    view.rows(result), view.details(r), view.notes(result)   # what a front end shows

Modules: ``sources`` (the documents cited: three states, periods), ``windows`` (occasions whose
dates vary by year), ``rules/`` (one module per rule type), ``model`` (targets and results),
``loader`` (targets files, profiles, fzlog.toml overrides, the targets in force in a year),
``evaluate`` (the judgement of a year), ``view`` (rows, details and notes for the CLI and the web).
"""

from fzlog.targets.evaluate import check_period, check_year
from fzlog.targets.loader import load_checklist
from fzlog.targets.model import Checklist, CheckResult, Target, TargetResult, status_label
from fzlog.targets.rules import RULES, STATUSES
from fzlog.targets.sources import STATES, Source

__all__ = [
    "check_period",
    "check_year",
    "load_checklist",
    "CheckResult",
    "Checklist",
    "Target",
    "TargetResult",
    "status_label",
    "RULES",
    "STATUSES",
    "STATES",
    "Source",
]
