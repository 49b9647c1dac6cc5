# attack: returns many arrays of 15 MiB each: beyond one result's budget, then beyond the job's
# exercise: 209
# status: error
# message: too large to compare
# timeout-scale: 4
import numpy as np

BLOCK = np.ones(15 * 2**17)


class MulLayer:
    def forward(self, x, y):
        return [BLOCK] * 6

    def backward(self, dout):
        return [BLOCK] * 6, [BLOCK] * 6
