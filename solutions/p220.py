import numpy as np

np.random.seed(1234)
x = np.random.randn(2)
W = np.random.randn(2, 3)
b = np.random.randn(3)

Y = np.dot(x, W) + b
print(Y)
