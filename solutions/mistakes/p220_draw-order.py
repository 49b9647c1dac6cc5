import numpy as np

np.random.seed(1234)
W = np.random.randn(2, 3)
x = np.random.randn(2)
b = np.random.randn(3)

Y = np.dot(x, W) + b
print(Y)
