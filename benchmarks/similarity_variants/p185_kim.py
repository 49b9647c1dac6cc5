from p181 import Unit


class SquareGate:
    def forward(self, u0):
        self.inp = u0
        self.out = Unit(u0.value * u0.value)
        return self.out

    def backward(self):
        self.inp.grad = self.inp.grad + 2.0 * self.inp.value * self.out.grad


class InverseGate:
    def forward(self, u0):
        self.inp = u0
        self.out = Unit(1.0 / u0.value)
        return self.out

    def backward(self):
        x = self.inp.value
        self.inp.grad = self.inp.grad - self.out.grad / (x * x)


class MaxGate:
    def forward(self, u0, u1):
        self.a = u0
        self.b = u1
        self.out = Unit(u0.value if u0.value > u1.value else u1.value)
        return self.out

    def backward(self):
        winner = self.a if self.a.value > self.b.value else self.b
        winner.grad = winner.grad + self.out.grad


class ReluGate:
    def forward(self, u0):
        self.inp = u0
        self.out = Unit(u0.value if u0.value > 0 else 0.0)
        return self.out

    def backward(self):
        self.inp.grad = self.inp.grad + (self.out.grad if self.inp.value > 0 else 0.0)
