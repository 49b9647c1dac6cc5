# exercise: 218
# mistake: Python 2's print statement
# expect: python2
import numpy as np

X = np.array([[1, 2]])
W = np.array([[1, 3, 4], [2, 4, 6]])
B = np.array([[1, 2, 3]])

Y = np.dot(X, W) + B
print Y
