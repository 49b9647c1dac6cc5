# exercise: 218
# mistake: np.dot(W, X): the operands in the wrong order
# expect: operand-order
import numpy as np

X = np.array([[1, 2]])
W = np.array([[1, 3, 4], [2, 4, 6]])
B = np.array([[1, 2, 3]])

Y = np.dot(W, X) + B
print(Y)
