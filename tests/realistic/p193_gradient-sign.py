# exercise: 193
# mistake: the gradient of (y - θx)² without the minus sign of the inner derivative
# expect: gradient-sign, wrong-sign
from p191 import MinusNode, MulNode
from p192 import SquareNode


def loss_gradient(theta, x, y):
    return 2 * x * (y - theta * x)


def train_theta(x_data, y_data, theta0, lr, epochs):
    theta = theta0
    for _ in range(epochs):
        for x, y in zip(x_data, y_data):
            theta = theta - lr * loss_gradient(theta, x, y)
    return theta
