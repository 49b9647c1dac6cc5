import numpy as np
from collections import OrderedDict
from p214 import Relu
from p219 import Affine
from p230 import SoftmaxWithLoss

X = np.array([[1, 2]])
W1 = np.array([[1, 3, 5], [2, 4, 6]])
B1 = np.array([[1, 2, 3]])
W2 = np.array([[1, 4], [2, 5], [3, 6]])
B2 = np.array([[1, 2]])
W3 = np.array([[5, 6, 7], [2, 3, 4]])
B3 = np.array([[1, 1, 1]])
t = np.array([[0, 0, 1]])

layers = OrderedDict()
layers['Affine1'] = Affine(W1, B1)
layers['Relu1'] = Relu()
layers['Affine2'] = Affine(W2, B2)
layers['Relu2'] = Relu()
layers['Affine3'] = Affine(W3, B3)
last_layer = SoftmaxWithLoss()

x = X
for layer in layers.values():
    x = layer.forward(x)
loss = last_layer.forward(x, t)

dout = np.ones((1, 3))
for layer in reversed(list(layers.values())):
    dout = layer.backward(dout)

print(dout)
print(layers['Affine1'].dW)
print(layers['Affine1'].db)
