# exercise: 192
# mistake: SquareNode.backward computes the gradient on its last line without return
# expect: returns-none, no-effect
import numpy as np


class SquareNode:
    def forward(self, x):
        self.x = x
        return x ** 2

    def backward(self, dz):
        2 * self.x * dz


class MeanNode:
    def forward(self, x):
        self.x = x
        return np.mean(x)

    def backward(self, dz):
        return dz * np.ones_like(self.x) / np.size(self.x)
