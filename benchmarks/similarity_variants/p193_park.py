from p191 import MulNode, MinusNode
from p192 import SquareNode


def loss_gradient(theta, x, y):
    # L = (y - theta * x) ** 2, forward then backward through the three nodes
    m = MulNode()
    s = MinusNode()
    q = SquareNode()
    q.forward(s.forward(y, m.forward(theta, x)))
    grads = m.backward(s.backward(q.backward(1.0))[1])
    return grads[0]


def train_theta(x_data, y_data, theta0, lr, epochs):
    history = [theta0]
    for e in range(epochs):
        for xi, yi in zip(x_data, y_data):
            history.append(history[-1] - lr * loss_gradient(history[-1], xi, yi))
    return history[-1]
