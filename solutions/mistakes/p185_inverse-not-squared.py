from p181 import Unit


class SquareGate:  # x²
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(u0.value ** 2)
        return self.utop

    def backward(self):
        self.u0.grad += 2 * self.u0.value * self.utop.grad


class InverseGate:  # 1/x
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(1 / u0.value)
        return self.utop

    def backward(self):
        self.u0.grad -= self.utop.grad / self.u0.value


class MaxGate:  # 큰 쪽 입력으로만 기울기가 흐른다
    def forward(self, u0, u1):
        self.u0, self.u1 = u0, u1
        self.utop = Unit(max(u0.value, u1.value))
        return self.utop

    def backward(self):
        if self.u0.value >= self.u1.value:
            self.u0.grad += self.utop.grad
        else:
            self.u1.grad += self.utop.grad


class ReluGate:  # max(0, x)
    def forward(self, u0):
        self.u0 = u0
        self.utop = Unit(max(0.0, u0.value))
        return self.utop

    def backward(self):
        if self.u0.value > 0:
            self.u0.grad += self.utop.grad
