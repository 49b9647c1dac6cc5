# exercise: 233
# mistake: imports ReLU from p214, which defines Relu
# expect: import-name
import numpy as np
from collections import OrderedDict
from p214 import ReLU
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
layers['Relu1'] = ReLU()
layers['Affine2'] = Affine(W2, B2)
layers['Relu2'] = ReLU()
layers['Affine3'] = Affine(W3, B3)
last_layer = SoftmaxWithLoss()

x = X
for layer in layers.values():
    x = layer.forward(x)
loss = last_layer.forward(x, t)
print(loss)
