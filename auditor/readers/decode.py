"""Bytes → text: BOMs, UTF-8, UTF-16 and GB18030/GBK detected, not guessed
from the extension (charset-normalizer decides when UTF-8 fails)."""
from __future__ import annotations

from typing import Optional, Tuple

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we read."""


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
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.1


def _utf16_without_bom(data: bytes) -> Optional[str]:
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    enc = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        return data.decode(enc)
    except UnicodeDecodeError:
        return None


def decode(data: bytes) -> Tuple[str, str]:
    """Return (text, encoding) or raise :class:`UndecodableError`."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"starts with a {enc} byte-order mark but is not {enc}: {exc}") from None
    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return text16, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000], cp_isolation=["gb18030", "gbk", "big5", "utf_16", "utf_8"]).best()
    except Exception:
        best = None
    candidates = ([best.encoding] if best is not None else []) + ["gb18030"]
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise UndecodableError("cannot decode as UTF-8, GB18030 or UTF-16")
