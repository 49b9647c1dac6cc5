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
    add_num, add_den, inv, mul = AddGate(), AddGate(), InverseGate(), MultiplyGate()
    num = add_num.forward(a, b)  # 게이트 하나는 입력 한 쌍만 기억하므로 덧셈마다 따로 만든다
    den = add_den.forward(c, d)
    q = mul.forward(num, inv.forward(den))  # (a + b) · 1/(c + d)
    q.grad = 1.0
    mul.backward()
    inv.backward()
    add_den.backward()
    add_num.backward()
    return q.value, a.grad, b.grad, c.grad, d.grad
