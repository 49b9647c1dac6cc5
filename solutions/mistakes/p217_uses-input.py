import numpy as np


class Sigmoid:
    def __init__(self):
        self.x = None
        self.out = None

    def forward(self, x):
        self.x = x
        out = 1 / (1 + np.exp(-x))
        self.out = out
        return out

    def backward(self, dout):
        dx = dout * (1.0 - self.x) * self.x  # 실수: 출력이 아니라 입력을 썼다
        return dx


x = np.array([[2.0, 4.0], [-0.3, 0.9]])
dout = np.array([[4.0, 2.0], [-0.1, 0.8]])

sigmoid = Sigmoid()
print(sigmoid.forward(x))
print(sigmoid.backward(dout))
