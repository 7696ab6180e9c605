"""fzlog — 法治政府建设工作台账 (rule-of-law work ledger)."""

__version__ = "0.1.0"
