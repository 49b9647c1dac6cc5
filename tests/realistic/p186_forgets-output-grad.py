# exercise: 186
# mistake: the output unit's grad is never set to 1, so every gradient stays 0
# expect: output-grad-not-set, zero-gradient
from p181 import AddGate, MultiplyGate, Unit
from p185 import InverseGate, SquareGate


def grad_square_of_affine(a, b, c):
    a, b, c = Unit(a), Unit(b), Unit(c)
    mul, add, sq = MultiplyGate(), AddGate(), SquareGate()
    q = sq.forward(add.forward(mul.forward(a, b), c))
    sq.backward()
    add.backward()
    mul.backward()
    return q.value, a.grad, b.grad, c.grad


def grad_ratio(a, b, c, d):
    a, b, c, d = Unit(a), Unit(b), Unit(c), Unit(d)
    add_num, add_den, inv, mul = AddGate(), AddGate(), InverseGate(), MultiplyGate()
    num = add_num.forward(a, b)
    den = add_den.forward(c, d)
    q = mul.forward(num, inv.forward(den))
    mul.backward()
    inv.backward()
    add_den.backward()
    add_num.backward()
    return q.value, a.grad, b.grad, c.grad, d.grad
