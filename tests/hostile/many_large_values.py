# attack: sends back more data than the grader accepts (many arrays of 15 MiB)
# exercise: 209
# status: error
# message: too much data
# timeout-scale: 1
import numpy as np

BLOCK = np.ones(15 * 2**17)


class MulLayer:
    def forward(self, x, y):
        return [BLOCK] * 6

    def backward(self, dout):
        return [BLOCK] * 6, [BLOCK] * 6
