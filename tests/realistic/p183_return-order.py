# exercise: 183
# mistake: returns the inputs' gradients first and the parameters' after (dx, dy, da, db, dc)
# expect: other-order
from p181 import AddGate, MultiplyGate, Unit
from p182 import SigmoidGate


def neuron(a, b, c, x, y):
    a, b, c, x, y = Unit(a), Unit(b), Unit(c), Unit(x), Unit(y)
    mulg0, mulg1 = MultiplyGate(), MultiplyGate()
    addg0, addg1 = AddGate(), AddGate()
    sg0 = SigmoidGate()
    ax = mulg0.forward(a, x)
    by = mulg1.forward(b, y)
    axpby = addg0.forward(ax, by)
    axpbypc = addg1.forward(axpby, c)
    s = sg0.forward(axpbypc)
    s.grad = 1.0
    sg0.backward()
    addg1.backward()
    addg0.backward()
    mulg1.backward()
    mulg0.backward()
    return s.value, x.grad, y.grad, a.grad, b.grad, c.grad
