# exercise: 183
# mistake: the gates' backward run in forward order, so the gradients have not arrived yet
# expect: zero-gradient, zero-grads
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
    mulg0.backward()
    mulg1.backward()
    addg0.backward()
    addg1.backward()
    sg0.backward()
    return s.value, a.grad, b.grad, c.grad, x.grad, y.grad
