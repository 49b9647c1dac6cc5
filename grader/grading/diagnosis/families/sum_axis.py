"""`sum-axis`: summed over the wrong axis."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_sum_axis": {"en": "{name} has shape {actual}, not {expected}: it is summed over the "
                           "wrong axis; the batch is axis 0",
                     "ko": "{name}의 형상이 {expected}가 아니라 {actual}입니다: 다른 축으로 "
                           "더했습니다. 배치 축은 axis=0입니다"},
    "formula_sum-axis": {"en": "it is summed over the wrong axis", "ko": "다른 축으로 더했습니다"},
}

FAMILY = Family(
    id="sum-axis",
    name={"en": "summed over the wrong axis", "ko": "다른 축으로 더함"},
    needs=NEEDS["batch_axis"],
    texts=TEXTS,
    slip="formula_sum-axis",
)
