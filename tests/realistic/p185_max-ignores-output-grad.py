# exercise: 185
# mistake: MaxGate.backward adds 1 to the larger input, ignoring the output unit's grad
# expect: ignores-dout
from p181 import Unit


class SquareGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(u0.value ** 2)
        return self.utop

    def backward(self):
        self.u0.grad += 2 * self.u0.value * self.utop.grad


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
        if self.u0.value > self.u1.value:
            self.u0.grad += 1
        else:
            self.u1.grad += 1


class ReluGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(max(0.0, u0.value))
        return self.utop

    def backward(self):
        if self.u0.value > 0:
            self.u0.grad += self.utop.grad
