"""Similar code between students: the fingerprints (`winnowing`), the ranking of a class
(`similarity`), and what `grader batch` and `grader merge` write. Small classes built here: a
disguised copy must rank first, independent solutions must stay below the threshold."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SOLUTIONS, run_cli
from grader.bank import load_bank
from grader.batch import similarity, winnowing
from grader.batch.students import discover
from grader.render import html

# p219, the Affine layer, four ways: the course's (solutions/p219.py), two students' own, and a
# copy of BEN's disguised: names renamed, methods reordered, comments, docstrings and blank
# lines changed, a line split in two inside brackets
BEN = '''import numpy as np


class Affine:
    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.dW = None
        self.db = None
        self.inp = None

    def backward(self, dout):
        batch = self.inp.shape[0]
        self.dW = np.zeros_like(self.W, dtype=float)
        for i in range(batch):
            self.dW += np.outer(self.inp[i], dout[i])
        self.db = np.einsum("ij->j", dout)
        return np.einsum("ij,kj->ik", dout, self.W)

    def forward(self, x):
        self.inp = x
        return np.einsum("...i,ij->...j", x, self.W) + self.b
'''
DISGUISED = '''import numpy as np

class Affine:
    """An affine layer (my own)."""
    def forward(self, data):
        # keep the input for later
        self.saved = data
        return np.einsum("...i,ij->...j", data,
                         self.W) + self.b
    def __init__(self, W, b):
        self.W = W
        self.b = b

        self.dW = None
        self.db = None
        self.saved = None
    def backward(self, grad):
        n = self.saved.shape[0]   # batch size
        self.dW = np.zeros_like(self.W, dtype=float)
        for k in range(n):
            self.dW += np.outer(self.saved[k], grad[k])  # sum of outer products

        self.db = np.einsum("ij->j", grad)
        return np.einsum("ij,kj->ik", grad, self.W)
'''
CHO = '''import numpy as np


class Affine:
    """Fully connected layer: y = xW + b."""

    def __init__(self, W, b):
        self.W, self.b = W, b
        self.dW, self.db = None, None
        self.original_shape = None
        self.x = None

    def forward(self, x):
        self.original_shape = x.shape
        x2 = x.reshape(1, -1) if x.ndim == 1 else x
        self.x = x2
        y = np.dot(x2, self.W) + self.b
        return y[0] if x.ndim == 1 else y

    def backward(self, dout):
        d = dout.reshape(1, -1) if dout.ndim == 1 else dout
        grad_input = np.dot(d, self.W.T)
        self.dW = np.dot(self.x.T, d)
        self.db = np.sum(d, axis=0)
        return grad_input.reshape(self.original_shape)
'''
REFERENCE = (SOLUTIONS / "p219.py").read_text(encoding="utf-8")
MISTAKE = (SOLUTIONS / "mistakes" / "p219_db-not-summed.py").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shared():
    return similarity.shared_code(load_bank(), SOLUTIONS)


def texts(source: str) -> list[str]:
    return [t.text for t in winnowing.tokens(source)[0]]


def hashes(source: str) -> set[int]:
    return {f.hash for f in winnowing.fingerprints(source)[0]}


def entries(class_texts: dict[str, str], shared) -> dict[str, dict]:
    return {name: similarity.student_prints({"219": text}, shared)["219"]
            for name, text in class_texts.items()}


# -- fingerprints ----------------------------------------------------------------------------

def test_names_comments_blank_lines_docstrings_and_constants_do_not_change_the_tokens():
    a = "def f(x, y):\n    z = (x * y + 1)  # product\n    return np.dot(z, y.T)\n"
    b = ('def g(p, q):\n    """Docstring."""\n\n    r = (p *\n         q + 2)\n\n'
         '    return np.dot(r, q.T)\n')
    assert texts(a) == texts(b)
    # numpy's names after a dot and the builtins stay themselves: another call is other code
    assert texts(a) != texts(a.replace("np.dot", "np.matmul"))
    assert "dot" in texts(a) and "T" in texts(a) and "return" in texts(a)
    assert "N" in texts(a) and "f" not in texts(a)


def test_reordered_functions_keep_their_fingerprints_and_other_code_shares_few():
    methods = BEN.split("\n    def ")
    reordered = "\n    def ".join([methods[0], methods[3], methods[1], methods[2]]) + "\n"
    assert reordered != BEN and hashes(reordered) == hashes(BEN)
    ours, copy, theirs = hashes(BEN), hashes(DISGUISED), hashes(CHO)
    assert len(ours & copy) / len(ours) > 0.8
    assert len(ours & theirs) / len(ours) < 0.3


def test_winnowing_keeps_the_smallest_hash_of_each_window_robustly():
    """Against the definition written plainly: each window's minimum; on a tie the previous
    window's choice while it is inside, else the rightmost."""
    def by_definition(h: list[int], w: int) -> list[int]:
        chosen, last = [], None
        w = min(w, len(h))
        for start in range(len(h) - w + 1):
            window = range(start, start + w)
            low = min(h[i] for i in window)
            if last in window and h[last] == low:
                continue
            last = max(i for i in window if h[i] == low)
            chosen.append(last)
        return chosen

    rng = random.Random(5)
    for _ in range(500):
        h = [rng.randrange(6) for _ in range(rng.randrange(1, 30))]
        assert winnowing._minima(h) == by_definition(h, winnowing.WINDOW), h


def test_a_shared_run_of_k_plus_w_minus_1_tokens_always_gives_a_shared_fingerprint():
    rng = random.Random(11)
    words = ["N", "(", ")", "+", "*", "=", ";", "0", ",", ".", "[", "]", "return", "if", "S"]
    guarantee = winnowing.K + winnowing.WINDOW - 1
    for _ in range(200):
        common = [rng.choice(words) for _ in range(guarantee)]
        a = [rng.choice(words) for _ in range(rng.randrange(40))] + common + \
            [rng.choice(words) for _ in range(rng.randrange(40))]
        b = [rng.choice(words) for _ in range(rng.randrange(40))] + common + \
            [rng.choice(words) for _ in range(rng.randrange(40))]
        ha = {f.hash for f in winnowing.winnow([winnowing.Token(t, 1) for t in a])}
        hb = {f.hash for f in winnowing.winnow([winnowing.Token(t, 1) for t in b])}
        assert ha & hb


def test_a_file_that_does_not_tokenize_still_has_fingerprints():
    broken = BEN + "\ndef unfinished(x:\n    return x\n"
    prints, count, problem = winnowing.fingerprints(broken)
    assert problem and "line" in problem
    assert count > len(texts(BEN)) and len(prints) >= len(winnowing.fingerprints(BEN)[0])
    assert hashes(BEN) <= {f.hash for f in prints}  # what came before the error is unchanged
    for source in ("x = '''never closed\ny = np.dot(a, b)\n",  # an unclosed string
                   "if x:\n        a = 1\n    b = 2\nc = np.dot(a, b)\n",  # a bad dedent
                   "x = foo(1,\ny = np.dot(a, b)\nz = y + 1\n"):  # an unclosed bracket
        found, problem = winnowing.tokens(source)
        assert problem and "dot" in [t.text for t in found], source
        assert max(t.line for t in found) >= 2


def test_a_huge_file_is_bounded():
    huge = "x = np.dot(a, b) + 1\n" * 100_000
    found, _ = winnowing.tokens(huge)
    assert len(found) <= winnowing.MAX_TOKENS
    prints = winnowing.fingerprints(huge)[0]
    assert max(f.last_line for f in prints) <= winnowing.MAX_CHARS // len("x = np.dot(a, b) + 1\n")
    entry = similarity.student_prints({"219": huge}, frozenset())["219"]
    assert len(entry["text"]) == winnowing.MAX_CHARS


def test_fingerprints_are_the_same_in_another_process():
    """Saved per student and compared across shards: no per-process hash seed."""
    code = ("import json, sys; from grader.batch import winnowing; "
            "prints = winnowing.fingerprints(sys.stdin.read())[0]; "
            "print(json.dumps(sorted({f.hash for f in prints})))")
    seen = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", code], input=BEN, capture_output=True,
                              text=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed},
                              check=True)
        seen.add(done.stdout)
    assert seen == {json.dumps(sorted(hashes(BEN))) + "\n"}


# -- a class ---------------------------------------------------------------------------------

def test_the_disguised_copy_ranks_first_and_alone_and_independent_solutions_stay_below(shared):
    files = entries({"ana": REFERENCE, "ben": BEN, "cho": CHO, "dan": DISGUISED,
                     "eun": MISTAKE, "fay": REFERENCE.replace("out", "result")}, shared)
    found = similarity.compare("219", files)
    assert [p["students"] for p in found] == [["ben", "dan"]]
    assert found[0]["similarity"] >= similarity.THRESHOLD
    every = sorted(similarity.compare("219", files, threshold=0.0, min_shared=0),
                   key=lambda p: -p["similarity"])
    assert every[0]["students"] == ["ben", "dan"]
    assert all(p["similarity"] < similarity.THRESHOLD for p in every[1:])
    # the lines shown side by side: ben's methods, not the stub's __init__
    ben_lines, dan_lines = found[0]["lines"]
    marked = {n for first, last in ben_lines for n in range(first, last + 1)}
    assert {13, 16, 18, 22} <= marked and not marked & {5, 6, 7}
    assert dan_lines


def test_what_everyone_has_is_no_similarity(shared):
    """Two students who hand in the course's code (comments changed) are not a pair; they would
    be without the shared code taken away."""
    class_texts = {"ana": REFERENCE, "ben": "# mine\n" + REFERENCE.replace("    ", "  "),
                   "cho": CHO}
    assert similarity.compare("219", entries(class_texts, shared)) == []
    pairs = {tuple(p["students"]): p
             for p in similarity.compare("219", entries(class_texts, frozenset()))}
    assert pairs["ana", "ben"]["similarity"] == 1.0
    assert ("ana", "cho") in pairs  # the stub's lines, which cho kept, count then too


def test_code_that_many_students_write_alike_is_common_not_copied():
    limit = max(similarity.COMMON_MIN, 1)
    many = {f"s{i}": BEN for i in range(limit + 1)}  # more than the limit: common
    assert similarity.compare("219", entries(many, frozenset())) == []
    few = {f"s{i}": BEN for i in range(3)}
    assert len(similarity.compare("219", entries(few, frozenset()))) == 3


def test_a_copy_that_does_not_tokenize_is_still_found(shared):
    files = entries({"ben": BEN, "dan": DISGUISED + "\n    def broken(self:\n        pass\n",
                     "cho": CHO}, shared)
    assert files["dan"]["problem"]
    assert [p["students"] for p in similarity.compare("219", files)] == [["ben", "dan"]]


def test_the_side_by_side_page_marks_the_shared_lines_and_shows_code_as_text():
    pair = {"exercise": "219", "students": ["ben", "dan"], "similarity": 0.9, "shared": 12,
            "lines": [[[2, 3]], [[1, 1]]], "page": "similarity/p219--ben--dan.html"}
    page = html.similarity_page(pair, "a = 1\nb = '</td><script>x</script>'\nc = 3\n",
                                "b = 2\n", "ko")
    assert "<script>x" not in page and "&lt;script&gt;" in page
    assert page.count('class="same"') == 3
    assert "../ben/report.html" in page and "90.0%" in page and "비슷한 코드" in page


# -- grader batch and grader merge -----------------------------------------------------------

def make_class(root: Path) -> None:
    """ana: the course's code; ben (a zip): his own; cho: her own; dan: the stub left as it
    was; eun: ben's, disguised. By name, shards 1/2 and 2/2 are ana, cho, eun and ben, dan."""
    for name, text in {"ana": REFERENCE, "cho": CHO, "eun": DISGUISED}.items():
        (root / name).mkdir(parents=True)
        (root / name / "p219.py").write_text(text, encoding="utf-8")
    (root / "dan").mkdir()
    with zipfile.ZipFile(root / "ben.zip", "w") as z:
        z.writestr("ben/p219.py", BEN)


def batch(root: Path, out: Path, *more: str):
    done = run_cli("batch", str(root), "--out", str(out), "--only", "219", "--seed", "3", *more,
                   timeout=180)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return done


def test_batch_ranks_the_copy_in_summary_and_dashboard_with_the_files_side_by_side(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    make_class(root)
    done = batch(root, out)
    assert "similar code: 1 pair(s), the most alike p219 ben & eun (100%)" in done.stdout
    pairs = json.loads((out / "summary.json").read_text())["similarity"]
    assert [p["students"] for p in pairs] == [["ben", "eun"]]
    assert pairs[0]["exercise"] == "219" and pairs[0]["similarity"] >= similarity.THRESHOLD
    page = (out / pairs[0]["page"]).read_text()
    assert "Affine" in page and 'class="same"' in page and "../eun/report.html" in page
    dashboard = (out / "index.html").read_text()
    assert 'id="similarity"' in dashboard and pairs[0]["page"] in dashboard
    recorded = json.loads((out / "ben" / "similarity.json").read_text())
    assert recorded["exercises"]["219"]["text"] == BEN  # from the zip, unpacked again
    assert "219" not in json.loads((out / "dan" / "similarity.json").read_text())["exercises"]

    # cho changes her file to ben's: she is regraded and her fingerprints follow
    (root / "cho" / "p219.py").write_text(BEN, encoding="utf-8")
    batch(root, out)
    pairs = json.loads((out / "summary.json").read_text())["similarity"]
    assert sorted(p["students"] for p in pairs) == [["ben", "cho"], ["ben", "eun"],
                                                    ["cho", "eun"]]
    assert len(list((out / "similarity").glob("*.html"))) == 3

    batch(root, out, "--no-similarity")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["similarity"] is None and not (out / "similarity").exists()
    assert "--no-similarity" in (out / "index.html").read_text()


def test_no_similarity_writes_no_fingerprints(tmp_path):
    root, out = tmp_path / "class", tmp_path / "out"
    make_class(root)
    batch(root, out, "--no-similarity")
    assert not list(out.glob("*/similarity.json"))
    assert json.loads((out / "summary.json").read_text())["similarity"] is None


def test_merge_compares_students_across_shards(tmp_path):
    root = tmp_path / "class"
    make_class(root)
    for i in (1, 2):
        batch(root, tmp_path / f"shard{i}", "--shard", f"{i}/2")
        alone = json.loads((tmp_path / f"shard{i}" / "summary.json").read_text())
        assert alone["similarity"] == []  # ben and eun are in different shards
    done = run_cli("merge", str(tmp_path / "shard1"), str(tmp_path / "shard2"), "--out",
                   str(tmp_path / "all"))
    assert done.returncode in (0, 1), done.stderr
    merged = json.loads((tmp_path / "all" / "summary.json").read_text())
    assert [p["students"] for p in merged["similarity"]] == [["ben", "eun"]]
    assert (tmp_path / "all" / merged["similarity"][0]["page"]).exists()
    batch(root, tmp_path / "one")
    one = json.loads((tmp_path / "one" / "summary.json").read_text())
    assert one["similarity"] == merged["similarity"]


def test_every_pair_has_its_own_page_and_no_student_takes_the_pages_folder(tmp_path):
    out = tmp_path / "out"
    key = "same stamp"
    for name in ("a", "a--b", "b--c", "c"):
        (out / name).mkdir(parents=True)
        data = {"stamp": key, "exercises": similarity.student_prints({"219": BEN}, frozenset())}
        (out / name / similarity.PRINTS_FILE).write_text(json.dumps(data))
    pairs = similarity.find(out, ["a", "a--b", "b--c", "c"])
    pages = [p["page"] for p in pairs]
    assert len(pairs) == 6 and len(set(pages)) == 6
    similarity.write_pages(out, pairs, "en")
    assert len(list((out / "similarity").glob("*.html"))) == 6

    # a fingerprint file damaged by hand costs its student only
    (out / "c" / similarity.PRINTS_FILE).write_text(json.dumps(
        {"stamp": key, "exercises": {"219": {"prints": [["x", 1]]}, "220": "?"}}))
    assert len(similarity.find(out, ["a", "a--b", "b--c", "c"])) == 3

    root = tmp_path / "class"
    for name in ("similarity", "ana"):
        (root / name).mkdir(parents=True)
    assert [s.name for s in discover(root)] == ["_similarity", "ana"]


def test_the_text_compared_is_the_source_graded_a_misnamed_file_or_a_notebook_section(tmp_path):
    """A copy hides neither in a notebook's section nor under a misnamed file."""
    from notebooks import course_notebook, notebook

    from grader.grading.sources.submission import read_submission

    bank = load_bank()
    specs = [s for s in bank if s.id in ("209", "219")]
    ann, ben = tmp_path / "ann", tmp_path / "ben"
    ann.mkdir()
    ben.mkdir()
    (ann / "hw5.ipynb").write_text(notebook(course_notebook(["209", "219"])), encoding="utf-8")
    (ben / "P219.py").write_text((SOLUTIONS / "p219.py").read_text(), encoding="utf-8")
    ann_texts = similarity.exercise_texts(read_submission(ann), specs, bank)
    ben_texts = similarity.exercise_texts(read_submission(ben), specs, bank)
    assert set(ann_texts) == {"209", "219"} and set(ben_texts) == {"219"}
    assert "class MulLayer" in ann_texts["209"] and "class Affine" in ann_texts["219"]
    assert ben_texts["219"] == (SOLUTIONS / "p219.py").read_text()
    own = {h for h in hashes(ben_texts["219"])}
    assert own and len(own & hashes(ann_texts["219"])) >= 0.8 * len(own)


def test_an_exercise_found_by_its_names_in_a_notebook_is_compared_on_the_cells_that_define_it(
        tmp_path):
    """A notebook without markers is graded whole for each exercise it defines; what the
    student wrote for 209 is the cell that defines MulLayer, not the whole notebook (else every
    exercise of two copied notebooks, and of two that share one cell, would look alike)."""
    from notebooks import kernel_code, write

    from grader.grading.sources.submission import read_submission

    write(tmp_path / "ch05.ipynb", [("markdown", "# 5.4.1"), ("code", kernel_code("209")),
                                    ("code", kernel_code("211")),
                                    ("code", "print(MulLayer().forward(2, 3))")])
    bank = load_bank()
    specs = [s for s in bank if s.id in ("209", "211")]
    texts = similarity.exercise_texts(read_submission(tmp_path), specs, bank)
    assert texts["209"].strip() == kernel_code("209").strip()
    assert texts["211"].strip() == kernel_code("211").strip()
