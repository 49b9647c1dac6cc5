"""`missing-sum`: not summed over the batch."""
from ..family import Family
from ..texts import NEEDS

TEXTS = {
    "why_missing_sum": {"en": "{name} has shape {actual}, not {expected}: it keeps the batch "
                              "axis; sum it over axis 0 (np.sum(..., axis=0))",
                        "ko": "{name}의 형상이 {expected}가 아니라 {actual}입니다: 배치 축이 "
                              "남아 있습니다. axis=0으로 더하세요 (np.sum(..., axis=0))"},
    "why_batch_axis": {"en": "{name} has shape {actual}, not {expected}: the batch axis is still "
                             "there; sum over axis 0, without keepdims=True",
                       "ko": "{name}의 형상이 {expected}가 아니라 {actual}입니다: 배치 축이 남아 "
                             "있습니다. keepdims=True 없이 axis=0으로 더하세요"},
    "formula_missing-sum": {"en": "it is not summed over the batch (axis 0)",
                            "ko": "배치 방향(axis=0)으로 더하지 않았습니다"},
}

FAMILY = Family(
    id="missing-sum",
    name={"en": "not summed over the batch", "ko": "배치 방향으로 더하지 않음"},
    needs=NEEDS["batch_axis"],
    texts=TEXTS,
    slip="formula_missing-sum",
)
