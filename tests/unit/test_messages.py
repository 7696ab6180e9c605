"""The message catalog: every key the code uses exists, and both languages take the same values."""

import re
import string
from pathlib import Path

from fzlog.messages import MESSAGES

PACKAGE = Path(__file__).resolve().parents[2] / "fzlog"


def test_every_literal_key_exists():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r'\bt\(\s*"([a-z0-9_.\-/]+[a-z0-9_\-/])"', path.read_text("utf-8")))
    assert used, "the scan found no keys"
    assert sorted(k for k in used if k not in MESSAGES) == []


def test_both_languages_take_the_same_placeholders():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    bad = [k for k, (zh, en) in MESSAGES.items() if fields(zh) != fields(en)]
    assert bad == []
