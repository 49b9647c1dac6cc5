import numpy as np

X = np.array([[1, 2], [3, 4]])
W = np.array([[5, 6], [7, 8]])

print(np.dot(X, W))
print(np.dot(W.T, X.T).T)  # (X·W)ᵀ = Wᵀ·Xᵀ
