"""DOC001: a 统一社会信用代码 that fails GB 32100-2015."""
from __future__ import annotations

import re
from typing import Any, Dict, Iterator, Optional

from auditor.fixes.model import DISPLAY_ONLY, edit, make_fix
from auditor.identifiers import ALPHABET, credit_check_char, credit_code_problem
from auditor.models import Document
from auditor.rule import Issue, Rule
from auditor.values import compact, halfwidth

_LABEL = "统一社会信用代码"
_IN_TEXT = re.compile(r"统一社会信用代码\s*[:：]?\s*([0-9A-Za-z]{10,24})")


def check_char_fix(code: str, at: Any) -> Optional[Dict[str, Any]]:
    """The code with the check character its first 17 would need: a hint, since the
    error may as well be in the first 17 (only the business licence can tell)."""
    if len(code) != 18 or any(ch not in ALPHABET for ch in code):
        return None
    right = code[:17] + credit_check_char(code[:17])
    if right == code:
        return None
    return make_fix(f"若前17位无误，校验码应为 {right[17]} / if the first 17 characters are right, the check character is {right[17]}",
                    DISPLAY_ONLY, [edit(code, right, at=at)])


class CreditCodeInvalid(Rule):
    id = "DOC001"
    name = "credit-code-invalid"
    severity = "error"
    summary = "统一社会信用代码格式或校验码错误 / a credit code that is not 18 characters of the GB 32100 alphabet or fails its check character."
    why = "信用代码错误会使主体无法核验，可能是笔误或虚假信息。A wrong code cannot be verified: a typo or a false identity."
    bad = "统一社会信用代码 91350100M000100Y44"
    good = "统一社会信用代码 91350100M000100Y43"
    fix = "按营业执照核对18位代码 / copy the 18 characters from the business licence."
    policy = "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》"
    anchor = "the code"
    fixable = ("display-only",)

    def check(self, doc: Document) -> Iterator[Issue]:
        seen = set()
        for form in doc.forms:
            for f in form.fields:
                if _LABEL not in f.label:
                    continue
                code = compact(halfwidth(f.value)).upper()
                if not code or (f.value_line or f.line, code) in seen:
                    continue
                seen.add((f.value_line or f.line, code))
                problem = credit_code_problem(code)
                if problem:
                    yield self.issue(f, line=f.value_line or f.line, message=f"统一社会信用代码 {code} 无效：{problem}", where=form, evidence=code, field=f"{f.label}:{code}",
                                     fix=check_char_fix(code, f))
        for disc in doc.disclosures:
            for c in disc.contracts:
                if c.credit_code is None:
                    continue
                code = compact(halfwidth(c.credit_code.text)).upper()
                problem = credit_code_problem(code)
                if problem and (c.credit_code.line, code) not in seen:
                    seen.add((c.credit_code.line, code))
                    yield self.issue(c.credit_code, f"承接主体“{c.contractor}”统一社会信用代码 {code} 无效：{problem}", where=disc, evidence=code, field=f"contract:{code}",
                                     fix=check_char_fix(code, c.credit_code))
        for notice in doc.notices:
            for cell in notice.text_lines:
                for m in _IN_TEXT.finditer(halfwidth(cell.text)):
                    code = m.group(1).upper()
                    if (cell.line, code) in seen:
                        continue
                    seen.add((cell.line, code))
                    problem = credit_code_problem(code)
                    if problem:
                        yield self.issue(cell.line, f"统一社会信用代码 {code} 无效：{problem}", where=notice, evidence=code, field=code,
                                         fix=check_char_fix(code, cell))
