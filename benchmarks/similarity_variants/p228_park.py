import numpy as np
from collections import OrderedDict
from p214 import Relu
from p219 import Affine

X = np.array([[1, 2]])
W1 = np.array([[1, 3, 5], [2, 4, 6]])
B1 = np.array([[1, 2, 3]])
W2 = np.array([[1, 4], [2, 5], [3, 6]])
B2 = np.array([[1, 2]])

net = OrderedDict()
net["affine1"] = Affine(W1, B1)
net["relu"] = Relu()
net["affine2"] = Affine(W2, B2)


def forward(x):
    for name in net:
        x = net[name].forward(x)
    return x


def backward(d):
    for name in reversed(list(net)):
        d = net[name].backward(d)
    return d


dY = forward(X)
print(dY)
print(backward(dY.copy()))
print(net["affine1"].dW)
print(net["affine1"].db)
