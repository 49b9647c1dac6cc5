# exercise: 192
# mistake: MeanNode.backward takes no dz
# expect: signature
import numpy as np


class SquareNode:
    def forward(self, x):
        self.x = x
        return x ** 2

    def backward(self, dz):
        return 2 * self.x * dz


class MeanNode:
    def forward(self, x):
        self.x = x
        return np.mean(x)

    def backward(self):
        return np.ones_like(self.x) / len(self.x)
