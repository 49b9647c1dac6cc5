from p181 import Unit


class _OneInputGate:
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(self.f(u0.value))
        return self.utop

    def backward(self):
        self.u0.grad += self.df(self.u0.value) * self.utop.grad


class SquareGate(_OneInputGate):
    def f(self, x):
        return x ** 2

    def df(self, x):
        return 2 * x


class InverseGate(_OneInputGate):
    def f(self, x):
        return 1 / x

    def df(self, x):
        return -1 / (x ** 2)


class ReluGate(_OneInputGate):
    def f(self, x):
        return max(x, 0.0)

    def df(self, x):
        return 1.0 if x > 0 else 0.0


class MaxGate:
    def forward(self, u0, u1):
        self.units = [u0, u1]
        self.utop = Unit(max(u0.value, u1.value))
        return self.utop

    def backward(self):
        larger = max(self.units, key=lambda u: u.value)
        larger.grad += self.utop.grad
