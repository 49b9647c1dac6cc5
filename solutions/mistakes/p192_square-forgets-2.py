import numpy as np


class SquareNode:  # z = x²
    def forward(self, x):
        self.x = x
        return x ** 2

    def backward(self, dz):
        return self.x * dz  # 2를 빠뜨렸다


class MeanNode:  # z = (x₁ + … + xₙ) / n
    def forward(self, x):
        self.x = x
        return np.mean(x)

    def backward(self, dz):
        return dz * np.ones_like(self.x) / np.size(self.x)  # 입력 n개에 똑같이 dz/n
