# exercise: 216
# mistake: a test left at the top level of p216.py calls backward before forward, so importing
#   the file raises; 217 and 237, which import Sigmoid, fail with it
# expect: unset-attribute
# expect p217: cause:216
# expect p237: cause:216
import numpy as np


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        out = 1 / (1 + np.exp(-x))
        self.out = out
        return out

    def backward(self, dout):
        dx = dout * (1.0 - self.out) * self.out
        return dx


s = Sigmoid()
print(s.backward(np.array([1.0, 2.0])))
