from p191 import MinusNode, MulNode
from p192 import SquareNode


class Model:
    def __init__(self):
        self.mul = MulNode()
        self.minus = MinusNode()
        self.sq = SquareNode()

    def grad(self, theta, x, y):
        residual = self.minus.forward(y, self.mul.forward(theta, x))
        self.sq.forward(residual)
        d_res = self.sq.backward(1.0)
        d_y, d_pred = self.minus.backward(d_res)
        d_theta, d_x = self.mul.backward(d_pred)
        return d_theta


def loss_gradient(theta, x, y):
    return Model().grad(theta, x, y)


def train_theta(x_data, y_data, theta0, lr, epochs):
    t = float(theta0)
    model = Model()
    for _ in range(epochs):
        for pair in zip(x_data, y_data):
            step = model.grad(t, *pair)
            t = t - lr * step
    return t
