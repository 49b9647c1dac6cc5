# exercise: 192
# mistake: MeanNode.backward does not divide by n
# expect: mean-forgets-n, scaled
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

    def backward(self, dz):
        return dz * np.ones_like(self.x)
