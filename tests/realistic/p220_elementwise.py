# exercise: 220
# mistake: x * W, an element-wise product, for the matrix product
# expect: elementwise-product
import numpy as np

np.random.seed(1234)
x = np.random.randn(2)
W = np.random.randn(2, 3)
b = np.random.randn(3)

Y = x * W + b
print(Y)
