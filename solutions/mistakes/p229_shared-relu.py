import numpy as np
from p214 import Relu
from p219 import Affine

X = np.array([[1, 2]])
W1 = np.array([[1, 3, 5], [2, 4, 6]])
B1 = np.array([[1, 2, 3]])
W2 = np.array([[1, 4], [2, 5], [3, 6]])
B2 = np.array([[1, 2]])
W3 = np.array([[5, 6, 7], [2, 3, 4]])
B3 = np.array([[1, 1, 1]])

affine1 = Affine(W1, B1)
relu = Relu()  # mistake: one Relu object for both hidden layers
affine2 = Affine(W2, B2)
affine3 = Affine(W3, B3)

# forward
h1 = relu.forward(affine1.forward(X))
h2 = relu.forward(affine2.forward(h1))  # overwrites the mask of the first layer
Y = affine3.forward(h2)

# backward, in the reverse order
dY = Y
dh2 = relu.backward(affine3.backward(dY))
dh1 = relu.backward(affine2.backward(dh2))  # IndexError: a 1x2 mask on a 1x3 gradient
dx = affine1.backward(dh1)

print(dY)  # dY is the forward output
print(dx)
print(affine1.dW)
print(affine1.db)
