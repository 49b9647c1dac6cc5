"""The bank proves itself: `grader validate` over the whole bundled bank."""
from __future__ import annotations

from conftest import run_cli


def test_validate_passes_on_the_bundled_bank_on_several_seeds():
    """Every solution, stub, mistake's variant and realistic case gets one verdict on every
    seed (issue 19: the same files pass or fail whatever the seed)."""
    done = run_cli("validate", "--seed", "5", "--seeds", "3", timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "0 with problems (seeds 5, 6, 7" in done.stdout
    cases = int(done.stdout.rsplit(" and ", 1)[1].split()[0])
    assert cases >= 100  # the realistic cases beside the bank were graded too


def test_validate_reports_a_verdict_that_changes_with_the_seed(tmp_path):
    """A solution wrong only on large batches: the check with a batch size drawn per run
    passes on some seeds and fails on others, and validation says so."""
    import shutil

    from conftest import ROOT

    bank, solutions = tmp_path / "exercises", tmp_path / "solutions"
    bank.mkdir()
    shutil.copyfile(ROOT / "exercises" / "p214.yaml", bank / "p214.yaml")
    shutil.copytree(ROOT / "solutions", solutions)
    relu = (solutions / "p214.py").read_text()
    forward = "    def forward(self, x):\n"
    assert forward in relu
    (solutions / "p214.py").write_text(relu.replace(
        forward, forward + "        if x.ndim == 2 and x.shape[0] > 5:\n            return x\n"))
    done = run_cli("validate", str(bank), "--solutions", str(solutions), "--seed", "1",
                   "--seeds", "4")
    assert done.returncode == 1
    assert "the verdict of the reference solution changes with the seed in 'random shapes': " \
        in done.stdout


def test_validate_refuses_a_number_of_seeds_out_of_range():
    done = run_cli("validate", "--seeds", "0")
    assert done.returncode == 2 and "--seeds 0" in done.stderr and "Traceback" not in done.stderr


def test_validate_reports_a_solution_that_fails(tmp_path):
    import shutil

    from conftest import ROOT

    bank, solutions = tmp_path / "exercises", tmp_path / "solutions"
    bank.mkdir()
    shutil.copyfile(ROOT / "exercises" / "p210.yaml", bank / "p210.yaml")
    shutil.copytree(ROOT / "solutions", solutions)
    (solutions / "p210.py").write_text("print(221)\n")
    done = run_cli("validate", str(bank), "--solutions", str(solutions))
    assert done.returncode == 1
    assert "PROBLEM p210" in done.stdout and "does not pass" in done.stdout


# An exercise of our own whose spec has one flaw of each kind `grader validate` must name.
FLAWED = """
id: 901
kind: api
title: {ko: 두 배, en: twice}
prompt: {ko: 두 배, en: twice}
defines: [Doubler]
stub: |
  class Doubler:
      def forward(self, x):
          raise NotImplementedError("Doubler.forward")
checks:
  - name: fixed
    kind: value
    run: |
      out = Doubler().forward(3.0)
      back = Doubler().backward(1.0)
    expect: {out: 6.0, back: 2.0}
  - name: loose
    kind: value
    tolerance: {rtol: 0.01, atol: 0}
    inputs: {x: {shape: [3], low: 1, high: 2}}
    run: |
      out = Doubler().forward(x)
    expect: {out: "2 * x"}
  - name: exact
    kind: value
    tolerance: {rtol: 0, atol: 0}
    inputs: {x: {shape: [20], low: 1, high: 2}}
    run: |
      out = Doubler().forward(x)
    expect: {out: "np.exp(np.log(2 * x))"}
mistakes:
  - id: nearly-double
    checks: [loose]
    when: "close(out, 2.001 * x)"
    hint: {ko: 2.001배입니다., en: it multiplies by 2.001.}
  - id: plus-one
    checks: [fixed]
    when: "close(outt, 7.0)"
    hint: {ko: 1을 더했습니다., en: it adds 1.}
"""

DOUBLER = """
class Doubler:
    def forward(self, x):
        return {forward}

    def backward(self, dout):
        return 2 * dout
"""


def flawed_bank(root):
    bank, solutions = root / "exercises", root / "solutions"
    (solutions / "mistakes").mkdir(parents=True)
    bank.mkdir()
    (bank / "p901.yaml").write_text(FLAWED, encoding="utf-8")
    (solutions / "p901.py").write_text(DOUBLER.format(forward="2 * x"), encoding="utf-8")
    for mistake, forward in (("nearly-double", "2.001 * x"), ("plus-one", "2 * x + 1")):
        (solutions / "mistakes" / f"p901_{mistake}.py").write_text(
            DOUBLER.format(forward=forward), encoding="utf-8")
    return bank, solutions


def test_validate_names_each_flaw_of_a_spec_with_what_shows_it(tmp_path):
    bank, solutions = flawed_bank(tmp_path)
    done = run_cli("validate", str(bank), "--solutions", str(solutions), "--seed", "3",
                   "--seeds", "2")
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    # a stub missing a whole method, which scores zero only because forward raises
    assert "the stub lacks Doubler.backward, which the reference solution defines" in out
    # a tolerance so tight that the solution fails, with the difference and the tolerance
    assert "the reference solution does not pass 'exact' on every seed: it differs by " in out
    assert "beyond its tolerance (rtol=0, atol=0): the tolerance is too tight for rounding" in out
    # a tolerance so loose that the mistake's variant passes the check it names: how far it was
    assert ("the variant of 'nearly-double' passes 'loose', which the mistake names (every "
            "seed): it differs by ") in out
    assert ("(relative 0.0005), within its tolerance (rtol=0.01, atol=0): the tolerance is too "
            "loose for this mistake") in out
    # recognised only where it passes: no student would get its hint
    assert ("mistake 'nearly-double' is not recognised on its variant (every seed): recognised "
            "only on 'loose', which the variant passes") in out
    # a predicate that raises says so
    assert "its `when:` raised 'fixed': NameError: name 'outt' is not defined" in out
    # the count comes after the mistakes it counts
    assert out.index("0/2 mistakes recognised") > out.index("mistake 'plus-one' is not recognised")


def test_a_mistake_recognised_on_a_failing_check_it_names_is_counted(tmp_path):
    bank, solutions = flawed_bank(tmp_path)
    text = FLAWED.replace("close(outt, 7.0)", "close(out, 7.0)")
    (bank / "p901.yaml").write_text(text.replace("rtol: 0.01", "rtol: 1.0e-6"), encoding="utf-8")
    done = run_cli("validate", str(bank), "--solutions", str(solutions), "--seed", "3")
    assert "2/2 mistakes recognised" in done.stdout, done.stdout
    assert "nearly-double" not in done.stdout and "plus-one" not in done.stdout


NET = """
id: 902
kind: api
title: {ko: 망, en: a net}
prompt: {ko: 망, en: a net}
defines: [Net, score]
stub: |
  class Net:
      def __init__(self):
          self.layers = []

      def predict(self, x):
          raise NotImplementedError("Net.predict")

      def loss(self, x, t):
          y = self.predict(x)
          raise NotImplementedError("Net.loss")

      def gradient(self, x, t):
          pass


  def score(net):
      return 0.0
checks:
  - name: builds
    kind: value
    run: |
      net = Net()
    expect: {n: 0}
"""

NET_SOLUTION = """
class Net:
    def __init__(self):
        self.layers = []

    def predict(self, x):
        return x

    def loss(self, x, t):
        return self._gap(self.predict(x), t)

    def gradient(self, x, t):
        return {}

    def accuracy(self, x, t):
        return 1.0

    def _gap(self, y, t):
        return abs(y - t)


def score(net):
    return 1.0
"""


def test_each_function_and_method_of_a_stub_fails_on_its_own(tmp_path):
    """Read beside the solution with `ast`: a method the solution has and the stub lacks, one
    that fails only through another, one that neither raises nor returns a placeholder."""
    from grader.bank.loader import load_exercise
    from grader.validate.stubs import stub_problems

    (tmp_path / "p902.yaml").write_text(NET, encoding="utf-8")
    (tmp_path / "p902.py").write_text(NET_SOLUTION, encoding="utf-8")
    problems = stub_problems(load_exercise(tmp_path / "p902.yaml"), tmp_path)
    assert problems == [
        "the stub lacks Net.accuracy, which the reference solution defines: a student would "
        "not know to write it",
        "the stub's Net.loss calls self.predict before it fails: it must fail on its own, not "
        "because another part of the stub does",
        "the stub's Net.gradient neither raises NotImplementedError nor returns a placeholder "
        "value: a student's file with it unchanged is not told to write it"]
