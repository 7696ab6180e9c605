"""The target checklist: hold a year of the ledger against the Implementation Outline's targets
(and a region's or the ledger's own), each result with the records that prove it.

    from fzlog.targets import check_year
    result = check_year(ledger, 2024)            # as_of, profile, targets_file, only
    for r in result.results:
        r.target.id, r.status, r.required, r.actual, r.evidence, r.missing_evidence
    result.to_dict(); result.ok

Modules: ``windows`` (occasions whose dates vary by year), ``rules/`` (one module per rule type),
``model`` (targets and results), ``loader`` (targets files, profiles, fzlog.toml overrides),
``evaluate`` (the judgement of a year).
"""

from fzlog.targets.evaluate import check_year
from fzlog.targets.loader import load_checklist
from fzlog.targets.model import CheckResult, Checklist, Target, TargetResult, status_label
from fzlog.targets.rules import RULES, STATUSES

__all__ = ["check_year", "load_checklist", "CheckResult", "Checklist", "Target", "TargetResult", "status_label",
           "RULES", "STATUSES"]
