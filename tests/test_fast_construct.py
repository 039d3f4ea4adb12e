"""The reader's fast model builders and memos must give exactly what the slow paths give."""
from __future__ import annotations

import pytest

from auditor.models import Amount, Checkpoint, Indicator, ParsedValue, SpendPlan
from auditor.sources import SourceRef
from auditor.values import _parse_value, constructor, parse_value


@pytest.mark.parametrize("cls, fields", [
    (ParsedValue, {"raw": "≥95%", "kind": "number", "op": ">=", "number": 95.0, "unit": "%", "unit_kind": "percent", "text": "95%"}),
    (Amount, {"raw": "1,038.50", "value": 1038.5, "wan": 1038.5, "line": 7, "location": None, "unit": "万元", "ref": None}),
    (Indicator, {"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "value_raw": "≥100人", "line": 12,
                 "ref": SourceRef("xlsx", sheet="表1", cell="E13")}),
    (Checkpoint, {"label": "6月底", "value": 40.0, "raw": "40", "line": 3}),
])
def test_constructor_equals_model_construct(cls, fields):
    fast, slow = constructor(cls)(**fields), cls.model_construct(**fields)
    assert fast == slow
    assert list(fast.__dict__) == list(slow.__dict__)
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump_json() == slow.model_dump_json()


def test_constructor_gives_fresh_defaults_from_factories():
    plans = constructor(SpendPlan)
    a, b = plans(present=True), plans(present=True)
    a.checkpoints.append(Checkpoint(label="3月底"))
    assert b.checkpoints == [] and a.checkpoints is not b.checkpoints
    indicators = constructor(Indicator)
    assert indicators(name="x").value is not indicators(name="y").value


@pytest.mark.parametrize("raw", ["≥150家", "≤23.43万元/年", "18-33毫克/公斤", "零次", "及时", "≤11月30日", "", "  ", "85%-95%"])
def test_parse_value_memo_matches_a_fresh_parse(raw):
    first = parse_value(raw)
    assert parse_value(raw) is first  # the second ask is the memo
    assert first == _parse_value(raw)


@pytest.mark.parametrize("cls, fields", [
    (Amount, {"raw": "1,038.50", "value": 1038.5, "wan": 1038.5, "line": 7, "location": None, "unit": "万元", "ref": None}),
    (Indicator, {"level1": "产出指标", "level2": "数量指标", "name": "培训人数", "value_raw": "≥100人", "line": 12,
                 "ref": SourceRef("xlsx", sheet="表1", cell="E13")}),
    (SpendPlan, {"present": True, "line": 4}),
])
def test_fixed_field_constructor_equals_model_construct(cls, fields):
    """A builder made for one set of fields gives what model_construct gives, defaults and factories included."""
    build = constructor(cls, tuple(fields))
    fast, slow = build(**fields), cls.model_construct(**fields)
    assert fast == slow and list(fast.__dict__) == list(slow.__dict__)
    assert fast.model_fields_set == slow.model_fields_set
    fast.model_fields_set.add("line")  # each object its own set: the next one is untouched
    assert build(**fields).model_fields_set == set(fields)
    with pytest.raises(TypeError):
        build(**{k: v for k, v in list(fields.items())[1:]})  # every named field is required


def test_fixed_field_constructor_refuses_a_field_the_model_lacks():
    with pytest.raises(TypeError, match="no field"):
        constructor(Amount, ("raw", "colour"))


def test_compact_memo_removes_white_space_and_stays_bounded():
    from auditor import values

    assert values.compact(" 经济成本指 标\u3000\t") == "经济成本指标"
    assert values.compact(" 经济成本指 标\u3000\t") is values.compact(" 经济成本指 标\u3000\t")  # the memo's answer
    for i in range(50_010):
        values.compact(f"x {i}")
    assert len(values._COMPACT) <= 50_001 and values.compact("x 3") == "x3"


def test_a_builder_sets_private_attributes_as_model_construct_does():
    """Document has a private attribute (its text lines): the builder gives each document its own."""
    from auditor.models import Document

    build = constructor(Document, ("path", "layout", "line_count"))
    a, b = build(path="a.txt", layout="tab", line_count=3), Document.model_construct(path="a.txt", layout="tab", line_count=3)
    assert a == b and a.__pydantic_private__ == b.__pydantic_private__ and a.model_fields_set == b.model_fields_set
    a.set_text_lines(["x"])
    assert build(path="c", layout="tab", line_count=1).text_lines == []  # a fresh list, not a shared one


def test_default_factories_build_fresh_models_without_model_construct(monkeypatch):
    """default_of(cls): the models' sub-model defaults, made by the builders (pydantic's model_construct
    inspects every default factory's signature on every call)."""
    from auditor.construct import default_of
    from auditor.models import PerformanceTable

    make = default_of(SpendPlan)
    assert make() == SpendPlan.model_construct() and make() is not make()
    monkeypatch.setattr(SpendPlan, "model_construct", classmethod(lambda cls, **kw: (_ for _ in ()).throw(AssertionError("slow path"))))
    assert make().checkpoints == []
    assert PerformanceTable.model_validate({"title": "t"}).plan.checkpoints == []  # validation uses the factory too
