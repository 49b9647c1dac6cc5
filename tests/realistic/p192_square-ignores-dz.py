# exercise: 192
# mistake: SquareNode.backward returns 2x and ignores dz
# expect: ignores-dout
import numpy as np


class SquareNode:
    def forward(self, x):
        self.x = x
        return x ** 2

    def backward(self, dz):
        return 2 * self.x


class MeanNode:
    def forward(self, x):
        self.x = x
        return np.mean(x)

    def backward(self, dz):
        return dz * np.ones_like(self.x) / np.size(self.x)
