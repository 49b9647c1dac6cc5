# exercise: 228
# mistake: starts the backward pass from np.ones_like(Y), not from the forward output
# expect: dout-ones
import numpy as np
from p214 import Relu
from p219 import Affine

X = np.array([[1, 2]])
W1 = np.array([[1, 3, 5], [2, 4, 6]])
B1 = np.array([[1, 2, 3]])
W2 = np.array([[1, 4], [2, 5], [3, 6]])
B2 = np.array([[1, 2]])

affine1 = Affine(W1, B1)
relu = Relu()
affine2 = Affine(W2, B2)

h = relu.forward(affine1.forward(X))
Y = affine2.forward(h)

dY = np.ones_like(Y)
dh = relu.backward(affine2.backward(dY))
dx = affine1.backward(dh)

print(dY)
print(dx)
print(affine1.dW)
print(affine1.db)
