"""Networks built the course's way for the checks' snippets; runs in the student's process.

Exercise 237 asks for `TwoLayerNet(..., activation='relu' | 'sigmoid')`. The course's own code has
no such argument: for its sigmoid run it edits the `Relu1` layer into a `Sigmoid` by hand and runs
again. `with_activation` makes the same edit when the class takes no `activation`, so a
course-style network is graded on every check, the sigmoid ones included, with its own layers.
"""
from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import MutableMapping

LAYERS = {"sigmoid": ("Sigmoid", "p216")}
"""an activation other than relu (the course's default) -> the layer class put in Relu's place,
and the exercise's module that defines it when the network's file has none"""


class NetworkVariantError(Exception):
    """The course's edit cannot be made on this network. The message is a key of the grader's
    messages (`variant_*`), which words it in the student's language."""


def with_activation(network_class, activation: str, *args, **kwargs):
    """`network_class(*args, activation=activation, **kwargs)` when the class takes an
    `activation` argument; otherwise the course's network: built without it, and for an
    activation other than relu, every Relu layer of its `layers` replaced (under the same key,
    in the same place) by a new instance of the class named by `LAYERS`, found among the names
    of the file that defines the network (the course's `from common.layers import *`), else of
    the student's file of the exercise that asks for that class (p216.py's Sigmoid)."""
    if _takes(network_class, "activation"):
        return network_class(*args, activation=activation, **kwargs)
    net = network_class(*args, **kwargs)
    if activation == "relu":
        return net
    layers = getattr(net, "layers", None)
    keys = [key for key, layer in layers.items() if type(layer).__name__.lower() == "relu"] \
        if isinstance(layers, MutableMapping) else []
    if not keys:
        raise NetworkVariantError("variant_no_relu")
    name, exercise = LAYERS[activation]
    module = sys.modules.get(getattr(network_class, "__module__", None) or "")
    layer_class = getattr(module, name, None)
    if not isinstance(layer_class, type):
        try:
            layer_class = getattr(importlib.import_module(exercise), name, None)
        except Exception:  # its own failure is its own exercise's
            layer_class = None
    if not isinstance(layer_class, type):
        raise NetworkVariantError("variant_no_sigmoid")
    for key in keys:
        layers[key] = layer_class()
    return net


def _takes(function, name: str) -> bool:
    """Whether `function` accepts the keyword `name` (True when its signature cannot be read:
    the call then says what is wrong)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.name == name and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
               or p.kind == p.VAR_KEYWORD for p in parameters)


SNIPPET_NAMES = {"with_activation": with_activation}
"""what the grader adds to the names every check's snippet sees (docs/spec-format.md)"""
