"""A defined name as compared with a wanted one, the course's words for its synonyms taken
into account: what `choosing` finds a near miss by, and `fitting` the closest stub by."""
from __future__ import annotations

SUFFIXES = ("layer", "node", "class")
"""what students add to a class's name (`ReluLayer`, `Relu_layer`, `ReluNode` for `Relu`)"""
SYNONYMS = (("multiply", "mul"), ("multi", "mul"), ("plus", "add"))
"""words students write for the course's (`MultiplyLayer`, `PlusLayer`)"""


def spelling(name: str, wanted: str) -> str:
    """A defined name as compared with a wanted one: lowercased, without underscores, with the
    course's words for their synonyms, and without a suffix the wanted name lacks
    (`Relu_Layer` -> `relu` beside `Relu`, `MultiplyLayer` -> `mullayer`)."""
    plain, goal = name.lower().replace("_", ""), wanted.lower().replace("_", "")
    for word, course in SYNONYMS:
        if plain.startswith(word) and not goal.startswith(word) and goal.startswith(course):
            plain = course + plain[len(word):]
            break
    for suffix in SUFFIXES:
        if plain.endswith(suffix) and not goal.endswith(suffix) and len(plain) > len(suffix):
            plain = plain[:-len(suffix)]
    return plain
