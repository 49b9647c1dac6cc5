# exercise: 222
# mistake: X * W prints the element-wise products of the 2×2 matrices
# expect: elementwise-product
import numpy as np

X = np.array([[1, 2], [3, 4]])
W = np.array([[5, 6], [7, 8]])

print(X * W)
print((W.T * X.T).T)
