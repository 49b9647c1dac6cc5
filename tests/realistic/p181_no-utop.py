# exercise: 181
# mistake: MultiplyGate.forward returns the output unit without keeping it in self.utop
# expect: unset-attribute
class Unit:
    def __init__(self, value, grad=0.0):
        self.value = value
        self.grad = grad


class MultiplyGate:
    def forward(self, u0, u1):
        self.u0 = u0
        self.u1 = u1
        return Unit(u0.value * u1.value)

    def backward(self):
        self.u0.grad += self.u1.value * self.utop.grad
        self.u1.grad += self.u0.value * self.utop.grad


class AddGate:
    def forward(self, u0, u1):
        self.u0 = u0
        self.u1 = u1
        self.utop = Unit(u0.value + u1.value)
        return self.utop

    def backward(self):
        self.u0.grad += 1 * self.utop.grad
        self.u1.grad += 1 * self.utop.grad
