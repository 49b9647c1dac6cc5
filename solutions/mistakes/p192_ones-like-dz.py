import numpy as np


class SquareNode:  # z = x²
    def forward(self, x):
        self.x = x
        return x ** 2

    def backward(self, dz):
        return 2 * self.x * dz


class MeanNode:  # z = (x₁ + … + xₙ) / n
    def forward(self, x):
        self.x = x
        return np.mean(x)

    def backward(self, dz):
        return dz * np.ones_like(dz) / np.size(self.x)  # x가 아니라 dz의 모양을 따랐다
