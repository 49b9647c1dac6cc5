# exercise: 181
# mistake: MultiplyGate.backward subtracts (-=) instead of adding
# expect: wrong-sign
class Unit:
    def __init__(self, value, grad=0.0):
        self.value = value
        self.grad = grad


class MultiplyGate:
    def forward(self, u0, u1):
        self.u0, self.u1 = u0, u1
        self.utop = Unit(u0.value * u1.value)
        return self.utop

    def backward(self):
        self.u0.grad -= self.u1.value * self.utop.grad
        self.u1.grad -= self.u0.value * self.utop.grad


class AddGate:
    def forward(self, u0, u1):
        self.u0, self.u1 = u0, u1
        self.utop = Unit(u0.value + u1.value)
        return self.utop

    def backward(self):
        self.u0.grad += 1 * self.utop.grad
        self.u1.grad += 1 * self.utop.grad
