from p191 import MinusNode, MulNode
from p192 import SquareNode


def loss_gradient(theta, x, y):
    nodes = [MulNode(), MinusNode(), SquareNode()]
    guess = nodes[0].forward(theta, x)
    diff = nodes[1].forward(y, guess)
    nodes[2].forward(diff)
    g = nodes[2].backward(1)
    g = nodes[1].backward(g)[1]
    return nodes[0].backward(g)[0]


def train_theta(x_data, y_data, theta0, lr, epochs):
    theta = theta0
    epoch = 0
    while epoch < epochs:
        for i in range(len(x_data)):
            theta -= lr * loss_gradient(theta, x_data[i], y_data[i])
        epoch += 1
    return theta
