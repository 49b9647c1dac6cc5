# exercise: 223
# mistake: prints A.shape, not A.T.shape
# expect: shape-of-A
import numpy as np

A = np.array([[1, 2, 3], [4, 5, 6]])

print(A.shape)
