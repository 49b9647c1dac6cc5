# attack: finds the grader's checkout through sys.modules["grader"] and runs the reference solution of 219 (solutions/p219.py); reads the frozen reference results (exercises/frozen/, or grader/exercises/frozen/ as installed) and the digits' labels (grader/data/)
# before: passed: every point of 219, with the reference solution's own code; the frozen expected values and the labels were read
# exercise: 219
# status: error
# message: does not define Affine
import os
import sys

package = os.path.dirname(sys.modules["grader"].__file__)
checkout = os.path.dirname(package)
for path in (os.path.join(checkout, "exercises", "frozen", "p219.json"),
             os.path.join(package, "exercises", "frozen", "p219.json"),
             os.path.join(package, "data", "digits.npz")):
    try:
        with open(path, "rb") as f:
            print("read", path, len(f.read()))
    except OSError as e:
        print("refused", path, type(e).__name__)
try:
    with open(os.path.join(checkout, "solutions", "p219.py")) as f:
        exec(f.read())
except OSError as e:
    print("refused", "solutions/p219.py", type(e).__name__)
