# exercise: 225
# mistake: prints dW before dX
# expect: other-order
import numpy as np
from p219 import Affine

X = np.array([[1, 2], [3, 4]])
W = np.array([[1, 3, 5], [2, 4, 6]])
B = np.array([[1, 1, 1], [1, 1, 1]])
dout = np.array([[1, 2, 3], [4, 5, 6]])

affine = Affine(W, B)
print(affine.forward(X))
dX = affine.backward(dout)
print(affine.dW)
print(dX)
print(affine.db)
