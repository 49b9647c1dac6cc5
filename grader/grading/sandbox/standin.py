"""Inside the student's process: what a name bound by a skipped import holds.

The grader leaves out an import the grading environment cannot satisfy (`import matplotlib.pyplot
as plt` where matplotlib is not installed, `from dataset.mnist import load_mnist` where the
submission has no `dataset`), binding each of its names to a stand-in instead. Loading the module
then works; only code that uses the name fails, with a `SkippedImportError` whose message the
grader turns into words (`name|module|statement`).
"""
from __future__ import annotations


class SkippedImportError(ModuleNotFoundError):
    pass


class Skipped:
    __slots__ = ("_grader_skipped",)

    def __init__(self, statement: str, name: str, module: str):
        object.__setattr__(self, "_grader_skipped", (statement, name, module))

    def _fail(self, *args, **kwargs):
        statement, name, module = object.__getattribute__(self, "_grader_skipped")
        raise SkippedImportError(f"{name}|{module}|{statement}", name=module)

    def __getattr__(self, attribute):
        if attribute.startswith("__") and attribute.endswith("__"):
            raise AttributeError(attribute)  # protocols (copy, numpy, inspect) look, then go on
        self._fail()

    def __repr__(self):
        statement, name, module = object.__getattribute__(self, "_grader_skipped")
        return f"<{name}: not available, `{statement}` was skipped>"

    __call__ = __getitem__ = __setitem__ = __iter__ = __len__ = __setattr__ = _fail
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = _fail
    __matmul__ = __rmatmul__ = __enter__ = __bool__ = _fail


def skipped(statement: str, name: str, module: str) -> Skipped:
    return Skipped(statement, name, module)
