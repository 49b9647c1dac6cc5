import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


class Sigmoid:
    def __init__(self):
        self.out = None

    def forward(self, x):
        out = sigmoid(x)
        self.out = out
        return out

    def backward(self, dout):
        y = sigmoid(self.out)  # 실수: self.out은 이미 시그모이드의 출력이다
        dx = dout * (1.0 - y) * y
        return dx
