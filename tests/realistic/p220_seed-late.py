# exercise: 220
# mistake: seeds after drawing x
# expect: draw-order
import numpy as np

x = np.random.randn(2)
np.random.seed(1234)
W = np.random.randn(2, 3)
b = np.random.randn(3)

Y = np.dot(x, W) + b
print(Y)
