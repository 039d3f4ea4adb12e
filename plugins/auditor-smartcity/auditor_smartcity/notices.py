"""SC005–SC006: notices that select service providers (服务商遴选通知).

Such a notice (seed 004: 关于遴选……数字化转型推荐服务商的通知) names provider
types, sets how many of each are selected (``综合集成型服务商3-6家、“小快轻准”产品型
服务商10-20家、“链主”企业型服务商1-3家``) and how many cases an applicant of
each type must show (``申报时须提供不少于2项……案例``).  The rules read the
notice's own lines (:attr:`auditor.models.Notice.text_lines`, already converted
to simplified characters and freed of pinyin glosses by the reader).
"""
from __future__ import annotations

import re
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from auditor.models import Cell, Document, Notice
from auditor.rule import Issue, Rule
from auditor.values import cn_number, compact, halfwidth

_NUM = r"\d+|[零〇一二两三四五六七八九十百]+"
_RANGE_SEP = r"(?:-|－|—|–|~|～|至|到)"
_CLAUSE_END = "，,。；;、：:"
_HEADING = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+\s*[、.．])")
_CASES = re.compile(rf"(?:不少于|不低于|至少|最少)\s*(?P<n>{_NUM})\s*(?:项|个|例|家|件)?[^{_CLAUSE_END}]{{0,20}}?案例")

NOTICE_SCOPE: Dict[str, object] = {
    # a notice is a provider-selection notice when its title holds one of these
    "title_keywords": ["服务商"],
    # the provider types the notice may select (a word of each type's name)
    "provider_types": ["综合集成型", "小快轻准", "链主"],
}


def _number(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    return int(text) if text.isdigit() else cn_number(text.replace("两", "二"))


def _type_pattern(kind: str) -> str:
    """``综合集成型`` … ``服务商`` within one clause (quotes and a type word may sit between)."""
    return re.escape(kind) + rf"[^{_CLAUSE_END}\d]{{0,8}}?服务商"


def _quota_re(kind: str) -> "re.Pattern[str]":
    return re.compile(
        _type_pattern(kind)
        + rf"[^{_CLAUSE_END}\d]{{0,8}}?(?P<lo>{_NUM})\s*(?:{_RANGE_SEP}\s*(?P<hi>{_NUM}))?\s*(?:家|个|名)"
    )


def selection_notices(doc: Document, keywords: Sequence[str]) -> List[Notice]:
    return [n for n in doc.notices if any(k in compact(n.title) for k in keywords)]


def _lines(notice: Notice) -> List[Cell]:
    return [Cell(text=halfwidth(c.text), line=c.line) for c in notice.text_lines]


class NoticeRule(Rule):
    parameters = dict(NOTICE_SCOPE)

    def notices(self, doc: Document) -> List[Notice]:
        return selection_notices(doc, list(self.params["title_keywords"]))


class QuotaInvalid(NoticeRule):
    id = "SC005"
    name = "provider-quota-invalid"
    severity = "error"
    summary = ("服务商遴选名额区间下限大于上限，或某类服务商没有遴选名额 / a provider quota range whose low end "
               "exceeds its high end, or a provider type the notice selects without a quota.")
    why = ("遴选名额决定资源池规模和评审的择优比例；“6-3家”这样的区间无法执行，缺少名额的服务商类型在评审时"
           "没有录取依据。The quota sizes the pool and the review's cut-off: a range such as 6-3 cannot be "
           "applied, and a type without a quota leaves the review without a limit.")
    bad = "每个细分行业拟分别遴选综合集成型服务商6-3家、“小快轻准”产品型服务商10-20家"
    good = "每个细分行业拟分别遴选综合集成型服务商3-6家、“小快轻准”产品型服务商10-20家、“链主”企业型服务商1-3家"
    fix = ("写成“下限-上限家”并覆盖通知遴选的每一类服务商；类型清单见参数 provider_types。"
           "Write each quota as low-high and give one for every provider type (parameter provider_types).")
    policy = "遴选通知“遴选范围”一节；财政部 工业和信息化部《关于开展中小企业数字化转型城市试点工作的通知》（财建〔2023〕117号）"
    anchor = "the quota's line (for a missing quota: the line with the other quotas)"
    parameters = {
        **NOTICE_SCOPE,
        # report a provider type that is named but has no quota
        "require_quota": True,
    }

    def check(self, doc: Document) -> Iterator[Issue]:
        for notice in self.notices(doc):
            lines = _lines(notice)
            quotas: Dict[str, List[Tuple[Cell, int, Optional[int], str]]] = {}
            named: Dict[str, Cell] = {}
            for kind in self.params["provider_types"]:
                rx, mention = _quota_re(kind), re.compile(_type_pattern(kind))
                for cell in lines:
                    if kind not in named and mention.search(cell.text):
                        named[kind] = cell
                    for m in rx.finditer(cell.text):
                        lo, hi = _number(m.group("lo")), _number(m.group("hi"))
                        if lo is not None:
                            quotas.setdefault(kind, []).append((cell, lo, hi, m.group(0)))
            for kind, found in quotas.items():
                for cell, lo, hi, raw in found:
                    if hi is not None and lo > hi:
                        yield self.issue(cell.line, f"{kind}服务商遴选名额 {lo}-{hi} 家下限大于上限 / quota range {lo}-{hi}: low end above high end",
                                         where=notice, evidence=compact(raw), field=f"quota:{kind}")
            if not self.params["require_quota"]:
                continue
            quota_line = min((c.line for found in quotas.values() for c, *_ in found), default=None)
            for kind in self.params["provider_types"]:
                if kind in named and kind not in quotas:
                    line = quota_line or named[kind].line
                    yield self.issue(line, f"通知遴选“{kind}”服务商，但未给出遴选名额 / provider type {kind} has no quota",
                                     where=notice, evidence=kind, field=f"no-quota:{kind}")


class CasesTooFew(NoticeRule):
    id = "SC006"
    name = "provider-cases-too-few"
    severity = "warning"
    summary = ("某类服务商的申报案例要求少于规定的最低数量（默认综合集成型不少于2项、“小快轻准”产品型不少于3项） / "
               "a provider type's case requirement below the configured minimum.")
    why = ("服务案例是判断服务商行业经验和交付能力的主要证据；降低案例数量会让经验不足的服务商进入资源池。"
           "Cases are the main evidence of a provider's experience; a lower requirement lets inexperienced "
           "providers into the pool.")
    bad = "（三）“小快轻准”产品型服务商 …… 申报时须提供不少于1项本细分行业服务案例"
    good = "（三）“小快轻准”产品型服务商 …… 申报时须提供不少于3项本细分行业服务案例"
    fix = ("按参数 min_cases 的最低数量写明案例要求。State at least the minimum number of cases "
           "for the type (parameter min_cases).")
    policy = "遴选通知“遴选条件”一节；财建〔2023〕117号"
    anchor = "the case requirement's line"
    parameters = {
        **NOTICE_SCOPE,
        # provider type (a word of its name) → the least number of cases a notice may ask for
        "min_cases": {"综合集成型": 2, "小快轻准": 3},
    }

    def _type_in(self, text: str) -> Optional[str]:
        hits = [(text.find(k), k) for k in self.params["provider_types"] if k in text]
        return min(hits)[1] if hits else None

    def check(self, doc: Document) -> Iterator[Issue]:
        minimum: Dict[str, int] = {k: int(v) for k, v in dict(self.params["min_cases"]).items()}
        for notice in self.notices(doc):
            current: Optional[str] = None  # the provider type of the section we are in
            for cell in _lines(notice):
                text = cell.text
                if _HEADING.match(text):
                    current = self._type_in(text)
                    continue
                for m in _CASES.finditer(text):
                    sentence = re.split(r"[。；;]", text[: m.start()])[-1]
                    kind = self._type_in(sentence) or current
                    n = _number(m.group("n"))
                    if kind is None or n is None or kind not in minimum:
                        continue
                    if n < minimum[kind]:
                        yield self.issue(cell.line, f"{kind}服务商申报案例要求为不少于{n}项，低于规定的{minimum[kind]}项 / "
                                                    f"{kind} providers asked for {n} case(s), fewer than {minimum[kind]}",
                                         where=notice, evidence=compact(m.group(0)), field=f"cases:{kind}")
