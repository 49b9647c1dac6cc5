import math

from p181 import Unit


class SigmoidGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(1 / (1 + math.exp(-u0.value)))
        return self.utop

    def backward(self):
        x = self.u0.value
        self.u0.grad += x * (1 - x) * self.utop.grad  # 출력이 아니라 입력값을 썼다
