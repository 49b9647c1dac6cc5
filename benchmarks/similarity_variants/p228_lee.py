import numpy as np
from p214 import Relu
from p219 import Affine

X = np.array([[1, 2]])
W1 = np.array([[1, 3, 5], [2, 4, 6]])
B1 = np.array([[1, 2, 3]])
W2 = np.array([[1, 4], [2, 5], [3, 6]])
B2 = np.array([[1, 2]])

first = Affine(W1, B1)
act = Relu()
second = Affine(W2, B2)
a = first.forward(X)
z = act.forward(a)
y = second.forward(z)
d_z = second.backward(y)
d_a = act.backward(d_z)
d_x = first.backward(d_a)
for value in (y, d_x, first.dW, first.db):
    print(value)
