"""The rule types of the target checklist, one small module each.

Every module in this package is imported here, so a module that registers a class with
``@rule_type("name")`` is all a new rule type needs (plus its tests).
"""

from __future__ import annotations

import importlib
import pkgutil

from fzlog.targets.rules.base import (
    RULES,
    STATUSES,
    Context,
    Outcome,
    Params,
    Rule,
    RuleError,
    Selector,
    parse_rule,
    rule_type,
)

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "RULES",
    "STATUSES",
    "Context",
    "Outcome",
    "Params",
    "Rule",
    "RuleError",
    "Selector",
    "parse_rule",
    "rule_type",
]
