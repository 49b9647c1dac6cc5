# exercise: 218
# mistake: X * W, an element-wise product, for the matrix product
# expect: elementwise-product
import numpy as np

X = np.array([[1, 2]])
W = np.array([[1, 3, 4], [2, 4, 6]])
B = np.array([[1, 2, 3]])

Y = X * W + B
print(Y)
