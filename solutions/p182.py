import math

from p181 import Unit


class SigmoidGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(1 / (1 + math.exp(-u0.value)))
        return self.utop

    def backward(self):
        s = self.utop.value  # σ'(x) = σ(x)(1 - σ(x))
        self.u0.grad += s * (1 - s) * self.utop.grad
