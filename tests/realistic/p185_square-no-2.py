# exercise: 185
# mistake: the square's derivative without its 2
# expect: square-missing-2, scaled
from p181 import Unit


class SquareGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(u0.value * u0.value)
        return self.utop

    def backward(self):
        self.u0.grad += self.u0.value * self.utop.grad


class InverseGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(1 / u0.value)
        return self.utop

    def backward(self):
        self.u0.grad += -1 / self.u0.value ** 2 * self.utop.grad


class MaxGate:
    def forward(self, u0, u1):
        self.u0, self.u1 = u0, u1
        self.utop = Unit(max(u0.value, u1.value))
        return self.utop

    def backward(self):
        if self.u0.value >= self.u1.value:
            self.u0.grad += self.utop.grad
        else:
            self.u1.grad += self.utop.grad


class ReluGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(max(0.0, u0.value))
        return self.utop

    def backward(self):
        if self.u0.value > 0:
            self.u0.grad += self.utop.grad
