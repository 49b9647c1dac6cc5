import numpy as np

np.random.seed(1234)
x = np.random.rand(2)
W = np.random.rand(2, 3)
b = np.random.rand(3)

Y = np.dot(x, W) + b
print(Y)
