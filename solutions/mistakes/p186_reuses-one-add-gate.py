from p181 import AddGate, MultiplyGate, Unit
from p185 import InverseGate, SquareGate


def grad_square_of_affine(a, b, c):
    a, b, c = Unit(a), Unit(b), Unit(c)
    mul, add, sq = MultiplyGate(), AddGate(), SquareGate()
    q = sq.forward(add.forward(mul.forward(a, b), c))  # (a·b + c)²
    q.grad = 1.0
    sq.backward()
    add.backward()
    mul.backward()
    return q.value, a.grad, b.grad, c.grad


def grad_ratio(a, b, c, d):
    a, b, c, d = Unit(a), Unit(b), Unit(c), Unit(d)
    add, inv, mul = AddGate(), InverseGate(), MultiplyGate()
    num = add.forward(a, b)
    den = add.forward(c, d)  # 같은 게이트를 다시 썼다: 이제 (c, d)만 기억한다
    q = mul.forward(num, inv.forward(den))  # (a + b) · 1/(c + d)
    q.grad = 1.0
    mul.backward()
    inv.backward()
    add.backward()
    add.backward()
    return q.value, a.grad, b.grad, c.grad, d.grad
