import numpy as np
from p219 import Affine

np.random.seed(1234)
x = np.random.randn(2)
W = np.random.randn(2, 3)
b = np.random.randn(3)

affine = Affine(W, b)
print(affine.forward(x))
