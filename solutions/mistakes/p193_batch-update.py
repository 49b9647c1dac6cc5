from p191 import MinusNode, MulNode
from p192 import SquareNode


def loss_gradient(theta, x, y):
    mul, minus, square = MulNode(), MinusNode(), SquareNode()
    # 순전파: L = (y - θx)²
    pred = mul.forward(theta, x)
    err = minus.forward(y, pred)
    square.forward(err)
    # 역전파: dL/dL = 1
    derr = square.backward(1.0)
    _, dpred = minus.backward(derr)
    dtheta, _ = mul.backward(dpred)
    return dtheta


def train_theta(x_data, y_data, theta0, lr, epochs):
    theta = theta0
    for _ in range(epochs):
        grad = sum(loss_gradient(theta, x, y) for x, y in zip(x_data, y_data))
        theta = theta - lr * grad  # 에폭마다 한 번만 갱신했다
    return theta
