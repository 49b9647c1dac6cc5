# attack: overwrites the original submission, the grader's code and the reference solutions
# exercise: 209
# status: error
# message: not implemented
import os

import grader

targets = [os.path.join(os.path.dirname(grader.__file__), "engine.py"), ORIGINAL_FOLDER + "/p211.py",
           PROJECT_SOLUTIONS + "/p211.py"]
for target in targets:
    try:
        with open(target, "a") as f:
            f.write("\nraise SystemExit('tampered')\n")
    except OSError:
        pass
for name in os.listdir("."):
    os.remove(name)  # its own copy: costs nobody else anything


class MulLayer:
    def forward(self, x, y):
        raise NotImplementedError("MulLayer.forward")

    def backward(self, dout):
        raise NotImplementedError("MulLayer.backward")
