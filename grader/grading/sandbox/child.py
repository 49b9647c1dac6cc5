"""What runs inside the student's process: load the file, run each check's routine, send raw data.

This module runs next to untrusted code. It only produces plain data (see `plain`) and reports it
as JSON lines on the result pipe; it knows no expected value and decides nothing.
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import importlib
import importlib.machinery
import json
import linecache
import os
import random
import runpy
import sys
import traceback

import numpy as np

from . import facts, standin
from .names import MissingNames
from .networks import SNIPPET_NAMES
from .plain import Budget, from_plain, to_plain

MAX_MESSAGE = 2000


class _Channel:
    def __init__(self, fd: int):
        self.fd = fd
        self.held = b""

    def send(self, **event):
        """Write the event now, after those held."""
        data, self.held = self.held + (json.dumps(event) + "\n").encode(), b""
        while data:
            data = data[os.write(self.fd, data):]

    def hold(self, **event):
        """An event the grader needs no sooner than the next one, which follows it without any
        of the student's code between (a check's end, then the next check's begin): both go in
        one write, and wake the grader once."""
        self.held += (json.dumps(event) + "\n").encode()


def describe_error(exc: BaseException, workdir: str, statement: str | None = None) -> dict:
    """The exception as plain data, its traceback cut down to the student's own files (whose
    lines alone are read)."""
    frames = []
    for frame, line in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if name.startswith(workdir + os.sep):
            frames.append({"file": os.path.relpath(name, workdir), "line": line,
                           "function": frame.f_code.co_name,
                           "code": linecache.getline(name, line).strip()[:200]})
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.startswith(workdir):
        frames.append({"file": os.path.relpath(exc.filename, workdir), "line": exc.lineno or 0,
                       "function": "<module>", "code": (exc.text or "").strip()[:200]})
    try:
        message = str(exc)[:MAX_MESSAGE]
    except BaseException:
        message = "(the exception's message could not be read)"
    described = {"type": type(exc).__name__, "message": message, "statement": statement,
                 "frames": frames[-8:]}
    if isinstance(exc, MissingNames):  # the grader words it, with the closest spelling
        described.update(exc.as_plain())
    else:  # what only this process can see, for the grader's diagnosis (see `facts`)
        described.update(facts.of(exc, workdir))
    if isinstance(exc, ImportError) and isinstance(getattr(exc, "name", None), str):
        described["module"] = exc.name[:200]
    return described


CHECK_FILE = "<check>"


@functools.lru_cache(maxsize=256)
def _compiled(code: str):
    """A check's snippet compiled once (a gradient check runs its forward for every nudged
    element)."""
    return compile(code, CHECK_FILE, "exec")


def _statement_at(code: str, line: int | None) -> str | None:
    """The snippet's top-level statement that holds `line`, as the student will read it."""
    if line is None:
        return None
    return next((text for first, last, text in _statements(code) if first <= line <= last), None)


@functools.lru_cache(maxsize=64)
def _statements(code: str) -> list[tuple[int, int, str | None]]:
    """A snippet's top-level statements (first line, last line, text), parsed once per job
    (a gradient check's forward fails the same way on every nudged input)."""
    return [(node.lineno, node.end_lineno or node.lineno, ast.get_source_segment(code, node))
            for node in ast.parse(code).body]


def _snippet_line(exc: BaseException) -> int | None:
    """The line of the snippet itself (its outermost frame) that was running when `exc` rose."""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == CHECK_FILE:
            return tb.tb_lineno
        tb = tb.tb_next
    return None


def _seeded(seed: int | None) -> None:
    """numpy's and `random`'s global generators set from the check's own seed, before each of
    its snippets: code that draws unseeded numbers (a dropout mask) draws the same ones on every
    nudged forward of a gradient check, whatever an earlier check drew, and `--seed N` repeats
    it (the seed depends on the run's seed, the exercise and the check: grading/inputs.py)."""
    if seed is not None:
        np.random.seed(seed % 2**32)
        random.seed(seed)


def _exec(code: str, namespace: dict, workdir: str, seed: int | None = None):
    """Run a snippet, after seeding the global generators (`_seeded`); on an exception, say
    which of its statements raised. (Only then is the snippet parsed into statements: grading
    code that works stays cheap.)"""
    _seeded(seed)
    try:
        exec(_compiled(code), namespace)
    except BaseException as e:  # SystemExit and the like are the student's failures too
        return describe_error(e, workdir, _statement_at(code, _snippet_line(e)))
    return None


def run_values(check: dict, base: dict, workdir: str) -> dict:
    namespace = dict(base)
    namespace.update(from_plain(check["inputs"]))
    error = _exec(check["code"], namespace, workdir, check.get("seed"))
    budget = Budget()  # shared: many large values cost the same as one
    values = {name: to_plain(namespace[name], budget) for name in check["names"]
              if name in namespace}
    return {"values": values, "error": error}


def _as_float_array(value, what: str) -> np.ndarray:
    if type(value) not in (int, float, np.ndarray) and not isinstance(value, np.generic):
        raise TypeError(f"{what} is a {type(value).__name__}, not a number or a numpy array")
    array = np.array(value, dtype=float)  # a copy: later calls must not change it
    return array


def run_gradient(check: dict, base: dict, workdir: str) -> dict:
    inputs = {k: np.array(v, dtype=float) for k, v in from_plain(check["inputs"]).items()}
    rng = np.random.default_rng(check["seed"])

    def forward(values: dict):
        namespace = dict(base)
        namespace.update({k: v.copy() for k, v in values.items()})
        error = _exec(check["forward"], namespace, workdir, check["seed"])
        if error is None and "out" not in namespace:
            error = {"type": "NameError", "message": "the forward snippet set no `out`",
                     "statement": None, "frames": []}
        if error:
            return None, namespace, error
        try:
            return _as_float_array(namespace["out"], "forward's result"), namespace, None
        except (TypeError, ValueError) as e:
            return None, namespace, describe_error(e, workdir, "out")

    out, namespace, error = forward(inputs)
    if error:
        return {"error": error, "phase": "forward"}
    dout = (np.array(from_plain(check["dout"]), dtype=float) if check["dout"] is not None
            else rng.standard_normal(out.shape))
    namespace["dout"] = dout.copy() if dout.ndim else float(dout)
    error = _exec(check["backward"], namespace, workdir, check["seed"])
    if error:
        return {"error": error, "phase": "backward", "out": to_plain(out), "dout": to_plain(dout)}
    grads = {}
    for name, expr in check["wrt"].items():
        try:
            grads[name] = to_plain(_as_float_array(eval(expr, namespace), f"the gradient {expr}"))
        except BaseException as e:
            return {"error": describe_error(e, workdir, expr), "phase": "backward",
                    "out": to_plain(out), "dout": to_plain(dout)}
    perturbed = {}
    h = check["h"]
    for name in check["wrt"]:
        size = inputs[name].size
        count = size if check["sample"] is None else min(size, check["sample"])
        indices = np.sort(rng.choice(size, count, replace=False)) if count < size else np.arange(size)
        plus, minus = [], []
        for index in indices:
            for sign, bucket in ((h, plus), (-h, minus)):
                moved = dict(inputs)
                moved[name] = inputs[name].copy()
                moved[name].flat[index] += sign
                value, _, error = forward(moved)
                if error:
                    return {"error": error, "phase": "numerical", "out": to_plain(out)}
                if value.shape != out.shape:
                    return {"error": {"type": "ValueError", "statement": None, "frames": [],
                                      "message": f"forward gave shape {value.shape} on a nudged "
                                                 f"input but {out.shape} before"},
                            "phase": "numerical"}
                bucket.append(value)
        perturbed[name] = {"indices": to_plain(indices), "plus": to_plain(np.array(plus)),
                           "minus": to_plain(np.array(minus))}
    return {"error": None, "out": to_plain(out), "dout": to_plain(dout), "grads": grads,
            "perturbed": perturbed}


def run_training(check: dict, base: dict, workdir: str) -> dict:
    from . import training

    models = {}
    for name, expression in check["models"].items():
        _seeded(check["init_seed"])  # the book's networks draw their weights from numpy's
        namespace = dict(base)
        try:
            net = eval(expression, namespace)
            result = training.train(net, check)
        except BaseException as e:
            return {"error": describe_error(e, workdir, expression), "model": name}
        models[name] = {k: to_plain(v) for k, v in result.items()}
    return {"error": None, "models": models}


ROUTINES = {"values": run_values, "gradient": run_gradient, "training": run_training}
"""the routines a check kind's task may name (`routine`), shared by kinds"""
KIND_MODULES = "grader.grading.checks."


def routine(name: str):
    """What a check's task names: one of ROUTINES, or a kind's own, named by its module
    (`grader.grading.checks.<kind>`, whose `routine(check, base, workdir)` runs here under this
    module's rules: plain data out, no expected value in), so a kind with a new routine needs no
    line here. That module is imported at the first check that names it, as `run_training`
    imports `training`: its imports come with it, into this process only."""
    if name in ROUTINES:
        return ROUTINES[name]
    if not name.startswith(KIND_MODULES):
        raise ValueError(f"no routine {name!r}")
    return importlib.import_module(name).routine


class _AnnouncingFinder:
    """Finds the submission's own modules and packages (those under the copy's root), as the
    path finder would, and has each say on the channel when it starts and finishes loading:
    when a load hangs, the grader then knows in which file (and need not wait again for any
    other exercise that imports it). A generated module (a notebook's section, a file's
    definitions) starts from the names of the module before it, as a kernel's cells do; a
    notebook's module runs cell by cell (`cells`)."""

    def __init__(self, root: str, channel: _Channel, generated: dict, cells: dict):
        self.root, self.channel, self.generated, self.cells = root, channel, generated, cells

    def find_spec(self, name, path=None, target=None):
        if name in sys.builtin_module_names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if (spec is None or not isinstance(spec.origin, str)
                or not spec.origin.startswith(self.root + os.sep)
                or not isinstance(spec.loader, importlib.machinery.SourceFileLoader)):
            return None
        spec.loader = _AnnouncingLoader(name, spec.origin, self.channel,
                                        name in self.generated, self.generated.get(name),
                                        self.cells.get(name))
        return spec


OWN = "__grader_own__"
"""what a notebook's cells defined as the student's own (see `sources.sections`), as each cell
left it, whatever a later cell binds to the same names (for an exercise found by its names)"""
CELL_ERRORS = "__grader_cell_errors__"
"""a notebook module's own cells that raised: (first line, the exception)"""


class _AnnouncingLoader(importlib.machinery.SourceFileLoader):
    def __init__(self, name: str, path: str, channel: _Channel, generated: bool = False,
                 after: str | None = None, cells: list | None = None):
        super().__init__(name, path)
        self.channel, self.generated, self.after, self.cells = channel, generated, after, cells

    def exec_module(self, module):
        with _announced(self.channel, self.name):
            if self.generated:
                module.__dict__.update(_inherited(self.after))
            if self.cells is None:
                super().exec_module(module)
            else:
                self._cell_by_cell(module.__dict__)

    def _cell_by_cell(self, namespace: dict) -> None:
        """Run each cell apart, as a kernel does: one that raises stops there, and the cells
        after it still run (the error is kept for the report, should the exercise's names be
        missing). Line numbers stay those of the whole module."""
        lines = self.get_data(self.path).decode("utf-8").split("\n")
        own = namespace.setdefault(OWN, {})
        errors = namespace.setdefault(CELL_ERRORS, [])
        for first, count, defines in self.cells:
            text = "\n" * (first - 1) + "\n".join(lines[first - 1:first - 1 + count])
            try:
                exec(compile(text, self.path, "exec", dont_inherit=True), namespace)
            except Exception as e:
                errors.append((first, e))
            own.update((n, namespace[n]) for n in defines if n in namespace)


def _inherited(after: str | None) -> dict:
    """What a generated module starts from: the names of the module before it (dunder names
    are each module's own, but for the student's own definitions, carried on), and the maker
    of stand-ins for skipped imports."""
    names = {}
    if after:
        before = vars(importlib.import_module(after))
        names = {k: v for k, v in before.items() if not (k.startswith("__") and k.endswith("__"))}
        names[OWN] = dict(before.get(OWN, {}))
    names["__grader_skipped__"] = standin.skipped
    return names


@contextlib.contextmanager
def _announced(channel: _Channel, module: str):
    channel.send(e="importing", module=module)
    try:
        yield
    finally:
        channel.send(e="imported", module=module)


def _load(job: dict, channel: _Channel) -> dict:
    """Import the file (api) or run it as a script (output); return the names it defined.
    First the generated modules it builds on, in order (so none waits inside another)."""
    root = job.get("root") or job["workdir"]
    # a helper module's skipped import makes its stand-ins with this (see `sources.helpers`)
    builtins.__grader_skipped__ = standin.skipped
    for place, folder in enumerate(job.get("paths") or (), 1):  # after the working folder
        if folder not in sys.path:
            sys.path.insert(place, folder)
    generated = job.get("generated") or {}
    path = os.path.join(job["workdir"], job["file"])
    sys.meta_path.insert(0, _AnnouncingFinder(root, channel, generated, job.get("cells") or {}))
    for name in job.get("chain") or ():
        importlib.import_module(name)
    if job["mode"] == "script":
        sys.argv = [job["file"]]
        with _announced(channel, job["module"]):
            return runpy.run_path(path, run_name="__main__", init_globals=_inherited(
                generated[job["module"]]) if job["module"] in generated else None)
    module = importlib.import_module(job["module"])
    if job.get("provides"):
        sys.modules[job["provides"]] = module
    names = dict(vars(module))
    if job.get("own"):  # the student's own definitions, not what later cells bound instead
        own = names.get(OWN, {})
        for name in job.get("defines", []) + [a for v in job.get("aliases", {}).values()
                                              for a in v]:
            if name in own:
                names[name] = own[name]
            else:
                names.pop(name, None)
    for name, spellings in job.get("aliases", {}).items():
        if name not in names:
            found = next((s for s in spellings if s in names), None)
            if found:
                names[name] = names[found]
    missing = [n for n in job.get("defines", []) if n not in names]
    if missing:
        raise _cell_error(module, job.get("defining")) or MissingNames(
            job.get("shown") or job["file"], missing, names)
    return names


def _cell_error(module, defining: list | None) -> BaseException | None:
    """Why a notebook module lacks the exercise's names: the error of the cell that defines
    them (`defining`: its module and first line, for an exercise found by its names), else of
    the first of the exercise's own cells that raised (its section's); None when none did."""
    if defining:
        name, first = defining
        errors = vars(sys.modules[name]).get(CELL_ERRORS, []) if name in sys.modules else []
        return next((e for line, e in errors if line == first), None)
    errors = vars(module).get(CELL_ERRORS) or []
    return errors[0][1] if errors else None


def main(job: dict, result_fd: int) -> None:
    """Entry point of a freshly forked process (see zygote); ends with os._exit."""
    channel = _Channel(result_fd)
    workdir = job.get("root") or job["workdir"]  # tracebacks keep the submission's own files
    try:
        names = _load(job, channel)
    except BaseException as e:
        _flush()
        channel.send(e="load_error", error=describe_error(e, workdir))
        return
    _flush()
    channel.hold(e="loaded")
    base = {"np": np, **names, **SNIPPET_NAMES}  # the spec's helpers over the student's names
    for check in job["checks"]:
        channel.send(e="begin", i=check["i"])
        try:
            result = routine(check["routine"])(check, base, workdir)
        except BaseException as e:
            result = {"error": describe_error(e, workdir)}
        _flush()
        channel.hold(e="end", i=check["i"], result=result)
    channel.send(e="done")


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
