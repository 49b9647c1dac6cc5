# exercise: 192
# mistake: MeanNode.backward returns dz / n as one number
# expect: ones-like-dz
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
        return dz / np.size(self.x)  # 입력 n개에 똑같이 dz/n
