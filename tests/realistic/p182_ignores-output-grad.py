# exercise: 182
# mistake: the sigmoid's local derivative without the output unit's grad
# expect: ignores-output-grad, ignores-dout
import math

from p181 import Unit


class SigmoidGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(1.0 / (1.0 + math.exp(-u0.value)))
        return self.utop

    def backward(self):
        sig = 1.0 / (1.0 + math.exp(-self.u0.value))
        self.u0.grad += sig * (1 - sig)
