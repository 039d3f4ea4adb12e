"""Parse 指标值 and amounts: operator, number (or range), unit, period, text.

Unparseable text stays text; nothing here raises.  Examples::

    ≥150家          -> op >=, 150, unit 家 (count)
    ≤23.43万元/年    -> op <=, 23.43, unit 万元 (money), per 年
    18-33毫克/公斤   -> range 18..33, unit 毫克, per 公斤
    100百分比        -> 100, unit % (percent)
    零次             -> 0, unit 次, count_word
    ≥100000 m ²     -> 100000, unit 平方米
    及时 / 效果明显   -> text
    ≤11月30日        -> date
"""
from __future__ import annotations

import math
import re
from typing import Any, Callable, Dict, Optional, Tuple

from .construct import constructor
from .models import Amount, ParsedValue
from .runtime import MEMO_ENTRIES

# full-width ASCII → ASCII, ideographic space → space
_FULLWIDTH = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation to their ASCII forms."""
    return text.translate(_FULLWIDTH)


#: a run of digits in which OCR read a 0 as O / o and a 1 as l / I (5OO.OO, ≥l2O个), not inside a word (CO2)
_OCR_RUN = re.compile(r"(?<![A-Za-z])[0-9OoIl][0-9OoIl.,]*(?P<pct>%)?")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


def number_text(text: str) -> str:
    """A cell's text made ready for reading a number: ASCII forms (:func:`halfwidth`), and what an OCR pass
    put for a number's characters turned back (the number a person sees): letters for digits inside a run
    of digits, ``。`` for a decimal point between digits (``0。95``), and a comma before one or two final
    digits (``6，8``: a thousands separator has three after it)."""
    text = halfwidth(text)
    if "。" in text:
        text = _FULL_STOP_DECIMAL.sub(".", text)
    if "," in text and text.count(",") == 1:
        m = _COMMA_DECIMAL.match(text)
        if m:
            text = f"{m.group(1)}.{m.group(2)}{m.group(3)}"
    if not any(ch in "OoIl" for ch in text):
        return text
    return _OCR_RUN.sub(_ocr_run, text)


#: ``0。95``: an ideographic full stop between digits is a decimal point read by OCR
_FULL_STOP_DECIMAL = re.compile(r"(?<=\d)。(?=\d)")
#: ``6,8`` / ``≥6,8万元``: one comma with one or two digits after it, the only number in the text
_COMMA_DECIMAL = re.compile(r"^([^\d,]*\d+),(\d{1,2})([^\d,]*)$")


def _ocr_run(m: "re.Match[str]") -> str:
    """A run with a digit in it, or letters alone before a % (lO% is 10%), read as digits."""
    run = m.group(0)
    after_operator = m.start() > 0 and m.string[m.start() - 1] in "≥≤<>=＞＜"
    if any(c.isdigit() for c in run) or (m.group("pct") and len(run) >= 3) or after_operator:
        return run.translate(_OCR_DIGITS)  # (≤O次: a letter alone right after an operator is its number)
    return run


_OPS: Tuple[Tuple[str, str], ...] = (
    (">=", ">="), ("=>", ">="), ("≥", ">="), ("≧", ">="), ("⩾", ">="),
    ("<=", "<="), ("=<", "<="), ("≤", "<="), ("≦", "<="), ("⩽", "<="),
    ("大于等于", ">="), ("大于或等于", ">="), ("不低于", ">="), ("不少于", ">="), ("不小于", ">="), ("至少", ">="),
    ("小于等于", "<="), ("小于或等于", "<="), ("不超过", "<="), ("不高于", "<="), ("不多于", "<="), ("不大于", "<="), ("最多", "<="),
    ("大于", ">"), ("超过", ">"), ("高于", ">"), (">", ">"),
    ("小于", "<"), ("低于", "<"), ("<", "<"),
    ("等于", "="), ("=", "="), ("≈", "="),
    ("达到", ">="), ("达", ">="),
)
#: words in front of a target that add nothing to it (确保100%, 力争95%)
_LEAD_WORDS = ("确保", "力争", "实现", "保持", "预计", "争取",
               # a period before the number (每年不少于4次, 每季度1期): the count per period is still a number
               "每年度", "每年", "全年", "年均", "每半年", "每季度", "每季", "每月", "每周", "每日", "每天", "每学期")

# canonical unit -> kind; aliases map onto canonical names
UNIT_KINDS: Dict[str, str] = {}
_ALIASES: Dict[str, str] = {}


def _units(kind: str, spec: str) -> None:
    for group in spec.split():
        names = group.split("|")
        canon = names[0]
        UNIT_KINDS[canon] = kind
        for n in names:
            _ALIASES[n.lower()] = canon


_units("money", "元 万元|万 亿元|亿 千元 百万元 美元 万美元 亿美元|亿美金 万美金|万美元 美金|美元 欧元 万欧元")
_units("percent", "%|百分比|百分之|percent ‰|千分比 个百分点|百分点")
_units("count", "家 个 份 次 人 人次 场 场次 项 件 篇 篇次 期 条 种 类 辆 台 套 批 册 张 户 名 版 部 所 处 座 宗 笔 本 幅 集 节 课时 门 枚 株 棵 头 只 组 支 单 起 例 位 篇幅 万人次 万人 万条 万次 万户 万件 千人 千人次 亿人次 家次 户次 人天 个次 轮 届 则 首 份次 款 栋 间 所次 帧")
_units("time", "日|日内 天|天内 工作日|个工作日|工作日内|个工作日内 月 个月 年 季度|个季度 小时|小时内|个小时 分钟|分钟内 秒 周 星期 学时")
_units("physical", "吨 万吨 千克|公斤 公斤 克 毫克 平方米|m2|㎡|平米|m^2 万平方米 平方公里|km2 公里|千米|km 米|m 立方米|m3 亩 万亩 公顷 千瓦|kw 千瓦时|kwh 兆瓦 度电 升 毫升 GB|G TB 兆|M Mbps|兆bps 字节 像素 台套")

_MONEY_TO_WAN = {"元": 0.0001, "千元": 0.1, "万元": 1.0, "百万元": 100.0, "亿元": 10000.0}

#: a money unit a label or header declares in brackets: ``预算数（元）``, ``承接价格(万元)``
MONEY_IN_BRACKETS = re.compile(r"[（(](万元|千元|亿元|元)[)）]")


def bracketed_money_unit(text: str) -> Optional[str]:
    """The money unit ``text`` declares in brackets (``预算数（元）`` → 元), else None."""
    if "元" not in text:
        return None
    m = MONEY_IN_BRACKETS.search(text)
    return m.group(1) if m else None

#: units that convert into one another, as "base: unit=factor …" (the factor takes the unit to its base);
#: a unit not listed converts to nothing else (工作日 and 天, 天 and 月 never mix)
_SCALES = """
分钟: 秒=1/60 分钟=1 小时=60
日: 日=1 天=1 周=7 星期=7
月: 月=1 个月=1 季度=3 年=12
千克: 毫克=1/1000000 克=1/1000 千克=1 公斤=1 吨=1000 万吨=10000000
米: 米=1 公里=1000
平方米: 平方米=1 万平方米=10000 公顷=10000 平方公里=1000000 亩=10000/15 万亩=100000000/15
升: 毫升=1/1000 升=1 立方米=1000
千瓦时: 千瓦时=1 度电=1
人: 人=1 千人=1000 万人=10000
人次: 人次=1 千人次=1000 万人次=10000 亿人次=100000000
次: 次=1 万次=10000
户: 户=1 万户=10000
件: 件=1 万件=10000
条: 条=1 万条=10000
"""
UNIT_SCALES: Dict[str, Tuple[str, float]] = {}
for _line in _SCALES.strip().splitlines():
    _base, _units_of = _line.split(":")
    for _pair in _units_of.split():
        _name, _factor = _pair.split("=")
        _num, _, _den = _factor.partition("/")
        UNIT_SCALES[_name] = (_base, float(_num) / float(_den or 1))
UNIT_SCALES.update({unit: ("万元", factor) for unit, factor in _MONEY_TO_WAN.items()})


def in_common_unit(a_unit: Optional[str], b_unit: Optional[str]) -> Optional[Tuple[float, float]]:
    """Factors that bring two units to one (2小时 and 120分钟: 60 and 1); (1, 1) for the same
    unit or where one is not written; None when they do not convert into one another."""
    if not a_unit or not b_unit or a_unit == b_unit:
        return (1.0, 1.0)
    a, b = UNIT_SCALES.get(a_unit), UNIT_SCALES.get(b_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return (a[1], b[1])

_NUM = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+"
_RANGE_SEP = r"\s*(?:-|~|～|—|–|至|到)\s*"
_NUM_RE = re.compile(rf"^(?P<a>{_NUM})(?:{_RANGE_SEP}(?P<b>{_NUM}))?")
_UNIT_RANGE_RE = re.compile(rf"^(?P<a>{_NUM})(?P<u1>[^\d\-~～—–至到,.]{{1,4}}){_RANGE_SEP}(?P<b>{_NUM})(?P<u2>[^\d]{{1,4}})$")
_AMOUNT_NUM = re.compile(rf"^({_NUM})")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN_NUM_RE = re.compile(r"^[零〇一二两三四五六七八九十百千]+")
_PERCENT_IN_WORDS = re.compile(r"^百分之([零〇一二两三四五六七八九十百]+|\d+(?:\.\d+)?)(.*)$")
_PAREN_RE = re.compile(r"[（(][^）)]*[）)]")
_DATE_LIKE = re.compile(r"(\d{4}\s*年)?\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月")
_TRAILING_PUNCT = "。.,;、:!?"  # a value ending a sentence: ≥95%。 (full-width forms are halfwidth by now)
_CURRENCY_NOISE = ("人民币", "(人民币)", "（人民币）", "rmb")




_parsed = constructor(ParsedValue)  # the parser makes only well-typed values (hot loop)
_amount = constructor(Amount, ("raw", "value", "wan", "line", "location", "unit", "ref"))


class _CompactMemo(Dict[str, str]):
    """text → the text without white space, computed on a miss (``__missing__``)."""

    def __missing__(self, text: str) -> str:
        if len(self) > MEMO_ENTRIES:  # memory stays flat in a sweep
            self.clear()
        found = self[text] = "".join(text.split())
        return found


_COMPACT = _CompactMemo()

#: Remove all white space (PDF exports break words: ``经济成本指 标``).  Memoised, and a
#: bound ``dict.__getitem__``: the readers ask for the same cell texts many times, and a
#: hit then costs one C call, no Python frame.
compact: Callable[[str], str] = _COMPACT.__getitem__


def cn_number(text: str) -> Optional[int]:
    """Small Chinese numerals: 零, 三, 十二, 二百五十."""
    if not text:
        return None
    if len(text) > 1 and all(ch in _CN_DIGITS for ch in text):  # 二〇二四, 一〇〇: digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def canonical_unit(unit: str) -> Tuple[Optional[str], Optional[str]]:
    """(canonical unit, kind) for a unit string, or (None, None) if unknown."""
    u = unit.strip().lower().replace("²", "2").replace("³", "3")
    for noise in _CURRENCY_NOISE:
        u = u.replace(noise, "")
    canon = _ALIASES.get(u)
    if canon is None:
        base = _ALIASES.get(u[1:]) if len(u) > 1 and u[0] in "万千亿" else None
        if base is not None and UNIT_KINDS[base] == "count":
            return u, "count"  # 万头, 万株, 万册: a count in ten-thousands, as 万人 / 万件 are
        return None, None
    return canon, UNIT_KINDS[canon]


_PARSED: Dict[str, ParsedValue] = {}


def parse_value(raw: str) -> ParsedValue:
    """Parse one 指标值. Never raises; unparseable text is ``kind='text'``.

    Memoised like :func:`compact` (readers parse the same cell more than once);
    a ParsedValue is never changed after parsing, so sharing one is safe."""
    found = _PARSED.get(raw) if isinstance(raw, str) else None
    if found is not None:
        return found
    try:
        found = _parse_value(raw)
    except Exception:  # pragma: no cover - defensive: a value must never crash a rule
        return _parsed(raw=raw, kind="text", text=raw)
    if isinstance(raw, str):
        if len(_PARSED) > MEMO_ENTRIES:
            _PARSED.clear()
        _PARSED[raw] = found
    return found


def _parse_value(raw: str) -> ParsedValue:
    text = number_text(compact(halfwidth(raw or "")))
    if not text:
        return _parsed(raw=raw, kind="empty")
    op: Optional[str] = None
    for lead in _LEAD_WORDS:
        if text.startswith(lead) and len(text) > len(lead) and (text[len(lead)].isdigit() or text[len(lead)] in "≥≤><=达不零一二三四五六七八九十"):
            text = text[len(lead):]
            break
    for token, canon in _OPS:
        if text.startswith(token):
            op, text = canon, text[len(token):]
            break
    text = text.lstrip("=")
    words = _PERCENT_IN_WORDS.match(text)
    if words:  # 百分之七十 / 百分之95 / 百分之百: a percent written in words, the number after 百分之
        n = cn_number(words.group(1)) if not words.group(1)[0].isdigit() else float(words.group(1))
        if n is not None:
            text = f"{float(n):g}%{words.group(2)}"
    if _DATE_LIKE.search(text):
        return _parsed(raw=raw, kind="date", op=op, text=text)  # type: ignore[arg-type]
    count_word = False
    ranged = _UNIT_RANGE_RE.match(text)
    if ranged and ranged.group("u1") == ranged.group("u2"):  # 85%-95%, 3家-6家: the unit written twice
        text = ranged.group("a") + "-" + ranged.group("b") + ranged.group("u2")
    m = _NUM_RE.match(text)
    if m:
        a = float(m.group("a").replace(",", ""))
        b = float(m.group("b").replace(",", "")) if m.group("b") else None
        if not math.isfinite(a) or (b is not None and not math.isfinite(b)) or abs(a) > 1e15:
            return _parsed(raw=raw, kind="text", op=op, text=text)  # type: ignore[arg-type]
        rest = text[m.end():]
    else:
        cm = _CN_NUM_RE.match(text)
        n = cn_number(cm.group(0)) if cm else None
        if n is None:
            return _parsed(raw=raw, kind="text", op=op, text=text)  # type: ignore[arg-type]
        a, b, rest, count_word = float(n), None, text[cm.end():], True  # type: ignore[union-attr]
    per: Optional[str] = None
    rest = _PAREN_RE.sub("", rest).rstrip(_TRAILING_PUNCT)
    for noise, implied in (("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<="), ("之内", "<="), ("左右", None), ("内", "<=")):
        if rest.endswith(noise) and len(rest) >= len(noise):
            rest = rest[: -len(noise)]
            if op is None and implied is not None:
                op = implied
            break
    if "/" in rest:
        rest, per = rest.split("/", 1)
    elif "每" in rest:
        rest, per = rest.split("每", 1)
    unit, kind = (None, None)
    if rest:
        unit, kind = canonical_unit(rest)
        if count_word and kind not in (None, "count"):
            count_word = False  # 九十五% is a percent written in words, not a count
        if unit is None:
            if count_word or len(rest) > 6:
                return _parsed(raw=raw, kind="text", op=op, text=text)  # type: ignore[arg-type]
            kind = "other"
            unit = rest
    return _parsed(
        raw=raw,
        kind="range" if b is not None else "number",
        op=op,  # type: ignore[arg-type]
        number=a,
        high=b,
        unit=unit,
        unit_raw=rest or None,
        unit_kind=kind,  # type: ignore[arg-type]
        per=per or None,
        count_word=count_word,
        text=text,
    )


def to_wan(value: float, unit: Optional[str]) -> Optional[float]:
    """An amount in 万元; None for a currency that cannot be converted."""
    if unit is None or unit == "万元":
        return value
    factor = _MONEY_TO_WAN.get(unit)
    return value * factor if factor is not None else None


def parse_amount(raw: str, line: int = 1, default_unit: str = "万元", location: Optional[str] = None, ref: Any = None) -> Amount:
    """A money cell: ``170.00``, ``1,038.50``, ``9.7995万元``; blank is None.

    ``wan`` is the value in 万元, from the cell's own unit, else ``default_unit`` (the
    column's or table's); ``unit`` records which."""
    text = number_text(compact(halfwidth(raw or "")))
    m = _AMOUNT_NUM.match(text) if text else None
    value = float(m.group(1).replace(",", "")) if m else None
    if value is None or not math.isfinite(value) or abs(value) > 1e15:
        return _amount(raw=raw or "", value=None, wan=None, line=line, location=location, unit=None, ref=ref)
    rest = text[m.end():]  # type: ignore[union-attr]
    unit, kind = canonical_unit(rest) if rest else (default_unit, "money")
    unit = unit if kind == "money" else default_unit
    # built once with its final values (a pydantic attribute write costs as much as the build)
    return _amount(raw=raw or "", value=value, wan=to_wan(value, unit), line=line, location=location, unit=unit, ref=ref)


AMOUNT_IN_TEXT = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,15}(?:\.\d{1,6})?)\s{0,3}(亿元|万元|千元|元)")


def amounts_in_text(text: str) -> list[float]:
    """Every money amount written in free text, in 万元 (备注: 实际支付9.7995万元)."""
    out = []
    for m in AMOUNT_IN_TEXT.finditer(halfwidth(text)):
        wan = to_wan(float(m.group(1).replace(",", "")), m.group(2))
        if wan is not None:
            out.append(wan)
    return out


def percent_of(value: ParsedValue, number: Optional[float] = None) -> Optional[float]:
    """A percent value on the 0–100 scale (``≥500‰`` → 50); None if not a percent."""
    if value.unit_kind != "percent" or value.unit == "个百分点":
        return None
    n = value.number if number is None else number
    if n is None:
        return None
    return n / 10 if value.unit == "‰" else n
