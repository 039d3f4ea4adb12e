"""Identifiers: the 统一社会信用代码 (GB 32100-2015) and 项目编码 year digits."""
from __future__ import annotations

import re
from typing import Optional

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CODE_IN_TEXT = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{18}(?![0-9A-Z])")
_PROJECT_YEAR = re.compile(r"^\d{6}(\d{2})")


def credit_check_char(first17: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS))
    check = 31 - total % 31
    return ALPHABET[0 if check == 31 else check]


def credit_code_problem(code: str) -> Optional[str]:
    """None when ``code`` is a valid 统一社会信用代码, else what is wrong (中文 / English)."""
    code = code.strip().upper()
    if len(code) != 18:
        return f"长度为{len(code)}，应为18位 / {len(code)} characters, expected 18"
    bad = [ch for ch in code if ch not in ALPHABET]
    if bad:
        return f"含非法字符 {''.join(bad)}（不得含 I O Z S V） / characters outside the GB 32100 alphabet: {''.join(bad)}"
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        return f"校验码应为 {expected}，实为 {code[17]} / check character should be {expected}, not {code[17]}"
    return None


def project_code_year(code: str) -> Optional[int]:
    """``37020022P880…`` → 2022 (administrative division + two year digits)."""
    m = _PROJECT_YEAR.match(code)
    return 2000 + int(m.group(1)) if m else None
