# exercise: 193
# mistake: the update adds the gradient (theta + lr * grad)
# expect: wrong-sign
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
        for x, y in zip(x_data, y_data):  # 샘플 하나마다 한 번 갱신 (SGD)
            theta = theta + lr * loss_gradient(theta, x, y)
    return theta
