"""Bytes → text: BOMs, UTF-8, UTF-16, GB18030/GBK and Big5 (with its Windows and Hong Kong
extensions) detected, not guessed from the extension (charset-normalizer decides when UTF-8 fails)."""
from __future__ import annotations

import re
from typing import Optional, Tuple, TypeVar

T = TypeVar("T")
_SURROGATE = re.compile("[\ud800-\udfff]")

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def valid_text(text: T) -> T:
    """``text`` with lone surrogates (from a lying codec, a JSON ``\\ud800`` escape, a
    plugin) replaced by U+FFFD, so every UTF-8 writer accepts it; non-strings pass."""
    if isinstance(text, str) and _SURROGATE.search(text):
        return _SURROGATE.sub("\ufffd", text)  # type: ignore[return-value]
    return text


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we read."""


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16 pattern, or many control bytes, mean binary."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        even = sample[0::2].count(0)
        odd = sample[1::2].count(0)
        half = len(sample) / 2
        if not (odd > half * 0.3 or even > half * 0.3):  # not UTF-16-like
            return True
        return False
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > len(sample) * 0.1


def _utf16_without_bom(data: bytes) -> Optional[str]:
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    enc = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    return text if plausible_text(text) else None


def _plausible(ch: str) -> bool:
    o = ord(ch)
    return (
        ch.isspace() or 0x20 <= o < 0x7F or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F or 0x3400 <= o <= 0x4DBF or o in (0xFEFF, 0xB7, 0xD7, 0xB2, 0xB3)
        or 0x2460 <= o <= 0x24FF or 0x2190 <= o <= 0x22FF or 0x25A0 <= o <= 0x25FF
    )


def plausible_text(text: str) -> bool:
    """Mostly ASCII, CJK and CJK punctuation: what a budget document is made of."""
    sample = text[:4000]
    if not sample:
        return True
    return sum(1 for ch in sample if _plausible(ch)) >= 0.85 * len(sample)


def decode(data: bytes) -> Tuple[str, str]:
    """Return (text, encoding) or raise :class:`UndecodableError`; the text is valid Unicode."""
    text, encoding = _decode(data)
    return valid_text(text), encoding


#: what charset-normalizer chooses among: the Chinese code pages offices save in — Big5 as Windows (cp950) and
#: Hong Kong (Big5-HKSCS) extend it, with characters plain Big5 lacks (恒, 墻, 鰂, 邨)
_CANDIDATES = ("gb18030", "gbk", "big5", "cp950", "big5hkscs", "utf_16", "utf_8")
#: tried in turn when it chooses nothing plausible: GB18030 first (the mainland's), then the Big5 supersets
_FALLBACKS = ("gb18030", "cp950", "big5hkscs")


def _decode(data: bytes) -> Tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"starts with a {enc} byte-order mark but is not {enc}: {exc}") from None
    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return text16, "utf-16"
    if b"\x00" in data[:8192]:
        raise UndecodableError("binary content (NUL bytes), not UTF-8, GB18030 or UTF-16 text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000], cp_isolation=list(_CANDIDATES)).best()
    except Exception:
        best = None
    candidates = ([best.encoding] if best is not None else []) + list(_FALLBACKS)
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if plausible_text(text):
            return text, enc
    raise UndecodableError("cannot decode as UTF-8, GB18030, Big5 or UTF-16")
