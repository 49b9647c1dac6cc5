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
print(h)  # mistake: the hidden layer's output, not the final one
