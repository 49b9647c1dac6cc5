import numpy as np

A = np.array([[1, 2, 3], [4, 5, 6]])
B = np.array([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])

print(np.dot(A, B).shape)
print(np.dot(B.T, A.T).shape)
