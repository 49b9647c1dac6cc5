import numpy as np
from p214 import Relu
from p219 import Affine

X = np.array([[1, 2]])
W1 = np.array([[1, 3, 5], [2, 4, 6]])
B1 = np.array([[1, 2, 3]])
W2 = np.array([[1, 4], [2, 5], [3, 6]])
B2 = np.array([[1, 2]])

layers = [Affine(W1, B1), Relu(), Affine(W2, B2)]
out = X
for layer in layers:
    out = layer.forward(out)
print(out)
grad = out
for layer in reversed(layers):
    grad = layer.backward(grad)
print(grad)
print(layers[0].dW)
print(layers[0].db)
