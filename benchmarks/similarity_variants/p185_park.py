from p181 import Unit


class SquareGate:
    def forward(self, u0):
        self.x = u0
        self.y = Unit(pow(u0.value, 2))
        return self.y

    def backward(self):
        local = 2 * self.x.value
        self.x.grad += local * self.y.grad


class InverseGate:
    def forward(self, u0):
        self.x = u0
        self.y = Unit(u0.value ** -1)
        return self.y

    def backward(self):
        local = -(self.x.value ** -2)
        self.x.grad += local * self.y.grad


class MaxGate:
    def forward(self, u0, u1):
        self.x0, self.x1 = u0, u1
        self.y = Unit(u0.value if u0.value >= u1.value else u1.value)
        return self.y

    def backward(self):
        first = 1.0 if self.x0.value >= self.x1.value else 0.0
        self.x0.grad += first * self.y.grad
        self.x1.grad += (1.0 - first) * self.y.grad


class ReluGate:
    def forward(self, u0):
        self.x = u0
        self.y = Unit(u0.value * (u0.value > 0))
        return self.y

    def backward(self):
        if self.x.value <= 0:
            return
        self.x.grad += self.y.grad
