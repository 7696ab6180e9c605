"""``fzlog validate``: the checks a ledger is held to, each a small function producing problems."""
