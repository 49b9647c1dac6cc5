# exercise: 225
# mistake: p219.py was not handed in with p225.py, which imports it
# expect: cause:219
# without: p219.py
import numpy as np
from p219 import Affine

X = np.array([[1, 2], [3, 4]])
W = np.array([[1, 3, 5], [2, 4, 6]])
B = np.array([[1, 1, 1], [1, 1, 1]])
dout = np.array([[1, 2, 3], [4, 5, 6]])

affine = Affine(W, B)
print(affine.forward(X))
print(affine.backward(dout))
print(affine.dW)
print(affine.db)
