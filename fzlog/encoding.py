"""Text encodings of record files, the way clerks' machines produce them.

Record files are UTF-8 (the public contract). What is accepted and what is refused:

* UTF-8, with or without a BOM (Windows Notepad writes one), with ``\\n`` or ``\\r\\n`` line ends:
  read as is, everywhere.
* GBK / GB18030 (Chinese Windows "ANSI"), UTF-16 (Notepad "Unicode"), UTF-32: **refused** with a
  message naming the detected encoding; ``fzlog validate --fix-encoding`` converts such a file to
  UTF-8 on request. Guessing silently could put mojibake into an official report, so fzlog never
  reads a non-UTF-8 file as data.
* Anything else that is not valid UTF-8 (a damaged file, binary junk): refused, naming the line and
  the first byte that cannot be decoded.

Detection is conservative: a file is called GBK/GB18030 only if it decodes cleanly in that encoding
to printable text *and* most of its non-ASCII bytes are not valid UTF-8 (so a UTF-8 file with a few
damaged bytes is reported as damaged, not as GBK).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from fzlog.messages import t

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "UTF-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "UTF-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16-be"),
)


@dataclass(frozen=True)
class Legacy:
    """A file recognised in a known encoding other than UTF-8."""

    label: str  # what the user is told: "GBK", "GB18030", "UTF-16", "UTF-32"
    codec: str  # the Python codec that decodes it (after ``bom``)
    bom: bytes = b""

    def decode(self, raw: bytes) -> str:
        return raw[len(self.bom) :].decode(self.codec)


@dataclass(frozen=True)
class BadBytes:
    """Where a file that is not valid UTF-8 first fails to decode (1-based line and column)."""

    line: int
    column: int
    byte: int


def decode(raw: bytes) -> tuple[str | None, Legacy | BadBytes | None]:
    """A record file's text if it is UTF-8 (a BOM is dropped); otherwise None and either the
    encoding it was recognised in or where it stops being UTF-8."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # (the "utf-8-sig" codec, without its Python layer)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        found = detect_legacy(raw)
        if found is not None:
            return None, found
        start = body.rfind(b"\n", 0, exc.start) + 1
        column = len(body[start : exc.start].decode("utf-8", "replace")) + 1
        return None, BadBytes(body.count(b"\n", 0, exc.start) + 1, column, body[exc.start])
    if "\x00" in text:  # ASCII-only UTF-16 without a BOM is valid UTF-8 full of NULs
        found = _utf16_without_bom(raw)
        if found is not None:
            return None, found
    return text, None


def detect_legacy(raw: bytes) -> Legacy | None:
    """The non-UTF-8 encoding ``raw`` is confidently in, or None."""
    for bom, label, codec in _BOMS:
        if raw.startswith(bom):
            found = Legacy(label, codec, bom)
            return found if _decodes_plausibly(raw, found) else None
    if b"\x00" in raw:
        return _utf16_without_bom(raw)
    if not _mostly_not_utf8(raw):
        return None
    for label, codec in (("GBK", "gbk"), ("GB18030", "gb18030")):
        found = Legacy(label, codec)
        if _decodes_plausibly(raw, found) and looks_garbled(found.decode(raw), legacy=True) is None:
            return found  # (Big5 or Shift-JIS also decode as GBK: to mojibake, which is not converted)
    return None


def to_utf8(raw: bytes) -> tuple[bytes, Legacy] | None:
    """``raw`` converted to UTF-8 (no BOM, line ends kept), if it is in a recognised legacy
    encoding and the conversion is exactly reversible; None otherwise."""
    found = detect_legacy(raw)
    if found is None:
        return None
    text = found.decode(raw)
    new = text.encode("utf-8")
    if new.decode("utf-8") != text or found.bom + text.encode(found.codec) != raw:
        return None
    return new, found


def display_text(raw: bytes) -> str:
    """Best-effort text of any file, for showing an offending line: UTF-8, else the recognised
    legacy encoding, else UTF-8 with undecodable bytes replaced."""
    text, problem = decode(raw)
    if text is not None:
        return text
    if isinstance(problem, Legacy):
        return problem.decode(raw)
    return raw.decode("utf-8", "replace")


def _utf16_without_bom(raw: bytes) -> Legacy | None:
    if len(raw) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        found = Legacy("UTF-16", codec)
        if _decodes_plausibly(raw, found):
            return found
    return None


def _decodes_plausibly(raw: bytes, found: Legacy) -> bool:
    try:
        text = found.decode(raw)
    except UnicodeDecodeError:
        return False
    return all(_plausible(ch) for ch in text)


def _plausible(ch: str) -> bool:
    if ch in "\t\n\r":
        return True
    return unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")


def _mostly_not_utf8(raw: bytes) -> bool:
    """Read as UTF-8: at least two undecodable sequences (one damaged byte is damage, not an
    encoding), and more of them than valid non-ASCII characters."""
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f" and ch != "\ufffd")
    return bad >= 2 and bad > good


_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
MIN_TELLING = 4  # non-ASCII characters needed before the share of odd ones says anything


def looks_garbled(text: str, *, legacy: bool = False) -> str | None:
    """Why decoded ``text`` looks like mojibake (what it says, in the user's language), or None:
    replacement characters (bytes that did not decode), mostly private-use characters, or — for
    text decoded by a guessed legacy encoding (``legacy``: GB18030/GBK) — mostly characters
    outside GB2312's 6,763 common ones, which is what Big5 (traditional Chinese) or Shift-JIS
    (Japanese) read as GB18030 gives."""
    replaced = text.count("\ufffd")
    if replaced:
        return t("encoding.garbled_replaced", n=replaced)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii < MIN_TELLING:
        return None
    private = len(_PRIVATE_USE.findall(text))
    if private * 10 > non_ascii * 3:
        return t("encoding.garbled_private", pct=round(100 * private / non_ascii))
    if legacy:
        rare = len(text) - len(text.encode("gb2312", "ignore").decode("gb2312"))
        if rare * 10 > non_ascii * 3:
            return t("encoding.garbled_rare", pct=round(100 * rare / non_ascii))
    return None
