# exercise: 226
# mistake: the second layer is applied to X
# expect: layer-order
import numpy as np
from p219 import Affine

X = np.array([[1, 2]])
W1 = np.array([[1, 3, 5], [2, 4, 6]])
B1 = np.array([[1, 2, 3]])
W2 = np.array([[1, 4], [2, 5], [3, 6]])
B2 = np.array([[1, 2]])

affine1 = Affine(W1, B1)
affine2 = Affine(W2, B2)

h = affine2.forward(X)
print(h)
Y = affine2.forward(h)
print(Y)
