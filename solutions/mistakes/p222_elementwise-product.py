import numpy as np

X = np.array([[1, 2], [3, 4]])
W = np.array([[5, 6], [7, 8]])

print(np.multiply(X, W))
print(np.multiply(W.T, X.T).T)
