# exercise: 181
# mistake: AddGate.backward copied from MultiplyGate
# expect: add-like-multiply
class Unit:
    """회로의 선 하나: 순전파 값(value)과 역전파 기울기(grad)."""

    def __init__(self, value, grad=0.0):
        self.value = value
        self.grad = grad


class MultiplyGate:
    def forward(self, u0, u1):
        self.u0, self.u1 = u0, u1  # backward에서 쓰려고 입력을 기억한다
        self.utop = Unit(u0.value * u1.value)
        return self.utop

    def backward(self):
        # += : 한 유닛이 여러 게이트에 들어가면 기울기가 더해진다
        self.u0.grad += self.u1.value * self.utop.grad
        self.u1.grad += self.u0.value * self.utop.grad


class AddGate:
    def forward(self, u0, u1):
        self.u0, self.u1 = u0, u1
        self.utop = Unit(u0.value + u1.value)
        return self.utop

    def backward(self):
        self.u0.grad += self.u1.value * self.utop.grad
        self.u1.grad += self.u0.value * self.utop.grad
