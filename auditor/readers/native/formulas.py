"""Formulas a workbook stores without their result.

Excel and WPS store each formula's last result beside it (``<f>SUM(C5:C8)</f><v>180</v>``), and the
reader takes that result: the value a person sees.  A workbook written by a program and never opened
in an office suite (an export of a budget system, a script's output) stores the formula alone, and
the office suite computes it when the file is opened.  Read as it is stored, such a cell is empty:
a 合计 of nothing, an 指标值 missing.  This module finds those cells and computes what the suite would
show, for the arithmetic budget tables use: numbers, text, ``%``, ``+ - * / ^ &``, comparisons,
references and ranges on the sheet or another sheet of the book, and SUM, AVERAGE, MIN, MAX, COUNT, ROUND,
ABS, IF.  Anything else (another book, a name, an unknown function, an error) stays empty, as before.
"""
from __future__ import annotations

import html
import re
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Union

Value = Union[float, str, bool, None]
#: (row, column) → a cell's stored value (numbers as numbers), for references
Cells = Dict[Tuple[int, int], Any]

#: formulas computed per sheet; a sheet of more is a computed table, not a budget form
MAX_FORMULAS = 20_000
#: how deep one formula may refer to others before it is given up (a cycle, a chain)
_MAX_DEPTH = 50
#: cells a range may cover
_MAX_RANGE = 100_000

# a cell holding a formula and no result: <c r="C5" …><f …>SUM(C1:C4)</f><v></v></c> (or <v/>, or no <v>)
_UNCOMPUTED = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"[^>]*>\s*<(?:\w+:)?f(?:\s[^>]*)?>([^<]{1,2000})</(?:\w+:)?f>'
    rb'\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")


def uncomputed_formulas(book: Any, sheet: Any) -> Dict[Tuple[int, int], str]:
    """(row, column) → formula text of each cell that holds a formula and no stored result, found by
    streaming the sheet's XML from the archive in chunks (memory stays bounded)."""
    from openpyxl.utils import column_index_from_string

    archive, path = getattr(book, "_archive", None), getattr(sheet, "_worksheet_path", None)
    if archive is None or path is None:
        return {}
    found: Dict[Tuple[int, int], str] = {}
    try:
        with archive.open(path) as fh:
            tail = b""
            while len(found) <= MAX_FORMULAS:
                chunk = fh.read(1 << 16)
                if not chunk:
                    break
                data = tail + chunk
                end = 0
                for m in _UNCOMPUTED.finditer(data):
                    found[(int(m.group(2)), column_index_from_string(m.group(1).decode("ascii")))] = html.unescape(
                        m.group(3).decode("utf-8", "replace"))
                    end = m.end()
                cut = data.rfind(b"<c ", end)  # a cell cut by the chunk's end is matched with the next chunk
                tail = data[cut:] if cut >= 0 and data.find(b"</c>", cut) < 0 and len(data) - cut < 8192 else b""
    except (KeyError, OSError, ValueError):
        return {}
    return found


def compute(formulas: Dict[Tuple[int, int], str], cells: Cells) -> Dict[Tuple[int, int], Value]:
    """Each formula's result on one sheet (a formula referring to another is computed after it; None: not
    computable, which a reference to another sheet is here)."""
    return compute_book({"": formulas}, {"": cells})[""]


def compute_book(formulas: Dict[str, Dict[Tuple[int, int], str]], cells: Dict[str, Cells]) -> Dict[str, Dict[Tuple[int, int], Value]]:
    """Each formula's result, sheet by sheet (titles → formulas, titles → stored values): a reference to
    another sheet of the book (``'得分汇总'!A1``) reads that sheet's value, itself computed if need be."""
    done: Dict[Tuple[str, Tuple[int, int]], Value] = {}
    busy: set = set()

    def value_at(sheet: str, key: Tuple[int, int], depth: int) -> Value:
        if sheet not in cells and sheet not in formulas:
            raise _Unsupported(f"no sheet {sheet!r}")
        if key in formulas.get(sheet, {}):
            at = (sheet, key)
            if at not in done:
                if at in busy or depth > _MAX_DEPTH:
                    raise _Unsupported("a cycle")
                busy.add(at)
                try:
                    done[at] = _evaluate(formulas[sheet][key], lambda other, k: value_at(sheet if other is None else other, k, depth + 1))
                except (_Unsupported, ArithmeticError, RecursionError):  # overflow, inf in ROUND, nesting past the stack
                    done[at] = None
                finally:
                    busy.discard(at)
            return done[at]
        return _stored(cells.get(sheet, {}).get(key))

    out: Dict[str, Dict[Tuple[int, int], Value]] = {}
    for sheet, own in formulas.items():
        out[sheet] = {key: value_at(sheet, key, 0) for key in own}
    return out


class _Unsupported(Exception):
    """A formula this module does not compute (the cell stays empty)."""


def _stored(value: Any) -> Value:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return None  # dates and times: not summed here


# -- evaluation: the tokens of openpyxl's tokenizer, by precedence climbing -------------------------

_PRECEDENCE = {"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "^": 5}
_FUNCTIONS = ("SUM", "AVERAGE", "MIN", "MAX", "COUNT", "ROUND", "ABS", "IF")


#: a cell's value: (the sheet it is on, None for the formula's own; the cell) → value
Lookup = Callable[[Optional[str], Tuple[int, int]], Value]


def _evaluate(formula: str, lookup: Lookup) -> Value:
    from openpyxl.formula.tokenizer import Tokenizer, TokenizerError

    try:
        items = [t for t in Tokenizer("=" + formula.lstrip("=")).items if t.type != "WHITE-SPACE"]
    except (TokenizerError, ValueError, IndexError) as exc:
        raise _Unsupported(str(exc))
    parser = _Parser(items, lookup)
    result = parser.expression(0)
    if parser.at < len(items):
        raise _Unsupported("trailing tokens")
    if isinstance(result, list):
        raise _Unsupported("a range as a result")
    return result


class _Parser:
    def __init__(self, items: List[Any], lookup: Lookup) -> None:
        self.items, self.at, self.lookup = items, 0, lookup

    def _peek(self) -> Any:
        return self.items[self.at] if self.at < len(self.items) else None

    def expression(self, floor: int) -> Any:
        """Operators binding at least as tightly as ``floor``, left to right (Excel's ^ too)."""
        left = self._unary()
        while True:
            tok = self._peek()
            if tok is None or tok.type != "OPERATOR-INFIX":
                return left
            prec = _PRECEDENCE.get(tok.value)
            if prec is None:
                raise _Unsupported(tok.value)  # an intersection, a union
            if prec < floor:
                return left
            self.at += 1
            left = _infix(tok.value, left, self.expression(prec + 1))

    def _unary(self) -> Any:
        tok = self._peek()
        if tok is not None and tok.type == "OPERATOR-PREFIX":
            self.at += 1
            value = _number(self._unary())
            return -value if tok.value == "-" else value
        value = self._primary()
        while True:
            tok = self._peek()
            if tok is not None and tok.type == "OPERATOR-POSTFIX" and tok.value == "%":
                self.at += 1
                value = _number(value) / 100
                continue
            return value

    def _primary(self) -> Any:
        tok = self._peek()
        if tok is None:
            raise _Unsupported("an empty formula")
        self.at += 1
        if tok.type == "OPERAND":
            if tok.subtype == "NUMBER":
                return float(tok.value)
            if tok.subtype == "TEXT":
                return tok.value[1:-1].replace('""', '"')
            if tok.subtype == "LOGICAL":
                return tok.value.upper() == "TRUE"
            if tok.subtype == "RANGE":
                return self._range(tok.value)
            raise _Unsupported(tok.value)
        if tok.type == "PAREN" and tok.subtype == "OPEN":
            value = self.expression(0)
            self._expect("PAREN", "CLOSE")
            return value
        if tok.type == "FUNC" and tok.subtype == "OPEN":
            name = tok.value[:-1].upper()
            return self._call(name[6:] if name.startswith("_XLFN.") else name)
        raise _Unsupported(tok.value)

    def _expect(self, kind: str, subtype: str) -> None:
        tok = self._peek()
        if tok is None or tok.type != kind or tok.subtype != subtype:
            raise _Unsupported("unbalanced")
        self.at += 1

    def _call(self, name: str) -> Any:
        if name not in _FUNCTIONS:
            raise _Unsupported(name)
        args: List[Any] = []
        tok = self._peek()
        if tok is not None and tok.type == "FUNC" and tok.subtype == "CLOSE":
            self.at += 1
        else:
            while True:
                args.append(self.expression(0))
                tok = self._peek()
                if tok is not None and tok.type == "SEP" and tok.subtype == "ARG":
                    self.at += 1
                    continue
                self._expect("FUNC", "CLOSE")
                break
        return _function(name, args)

    def _range(self, text: str) -> Any:
        sheet: Optional[str] = None
        if "!" in text:
            sheet, _, text = text.rpartition("!")
            if "[" in sheet:
                raise _Unsupported("another book")
            if sheet.startswith("'") and sheet.endswith("'"):
                sheet = sheet[1:-1].replace("''", "'")
        parts = text.split(":")
        refs = [_REF.match(p) for p in parts]
        if len(parts) not in (1, 2) or not all(refs):
            raise _Unsupported(text)  # a name, a whole column, 0次
        from openpyxl.utils import column_index_from_string

        corners = [(column_index_from_string(m.group(1)), int(m.group(2))) for m in refs]  # type: ignore[union-attr]
        (c1, r1), (c2, r2) = corners[0], corners[-1]
        if len(parts) == 1:
            return self.lookup(sheet, (r1, c1))
        rows, cols = range(min(r1, r2), max(r1, r2) + 1), range(min(c1, c2), max(c1, c2) + 1)
        if len(rows) * len(cols) > _MAX_RANGE:
            raise _Unsupported("a range too large")
        return [self.lookup(sheet, (r, c)) for r in rows for c in cols]


def _number(value: Any) -> float:
    if isinstance(value, list):
        raise _Unsupported("a range in arithmetic")
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float):
        return value
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        raise _Unsupported(f"text in arithmetic: {value!r}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}"
    if isinstance(value, list):
        raise _Unsupported("a range as text")
    return str(value)


def _infix(op: str, left: Any, right: Any) -> Any:
    if op == "&":
        return _text(left) + _text(right)
    if op in ("=", "<>", "<", ">", "<=", ">="):
        a, b = (_number(left), _number(right)) if not isinstance(left, str) and not isinstance(right, str) else (_text(left), _text(right))
        return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]  # type: ignore[operator]
    a, b = _number(left), _number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if b == 0:
            raise _Unsupported("#DIV/0!")
        return a / b
    try:
        return float(a ** b)
    except (OverflowError, ZeroDivisionError, ValueError):
        raise _Unsupported("#NUM!")


def _numbers(args: List[Any]) -> Iterator[float]:
    """The numbers among the arguments, as SUM reads them: a range's text and blanks are skipped."""
    for arg in args:
        for v in (arg if isinstance(arg, list) else [arg]):
            if isinstance(v, float) or (isinstance(v, bool) and not isinstance(arg, list)):
                yield float(v)
            elif isinstance(v, str) and not isinstance(arg, list):
                yield _number(v)


def _function(name: str, args: List[Any]) -> Any:
    if name == "IF":
        if not 1 <= len(args) <= 3:
            raise _Unsupported("IF")
        test = args[0] if isinstance(args[0], bool) else _number(args[0]) != 0
        return (args[1] if len(args) > 1 else True) if test else (args[2] if len(args) > 2 else False)
    if name in ("ROUND", "ABS"):
        if len(args) != (2 if name == "ROUND" else 1):
            raise _Unsupported(name)
        x = _number(args[0])
        if name == "ABS":
            return abs(x)
        digits = int(_number(args[1]))
        if abs(digits) > 15:
            raise _Unsupported("ROUND to more digits than a number holds")
        return _round_half_away(x, digits)
    values = list(_numbers(args))
    if name == "SUM":
        return float(sum(values))
    if name == "COUNT":
        return float(len(values))
    if not values:
        return 0.0 if name in ("MIN", "MAX") else _fail("#DIV/0!")
    if name == "AVERAGE":
        return sum(values) / len(values)
    return min(values) if name == "MIN" else max(values)


def _fail(why: str) -> Any:
    raise _Unsupported(why)


def _round_half_away(x: float, digits: int) -> float:
    """Excel's ROUND: halves away from zero (Python's round() rounds them to even)."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
