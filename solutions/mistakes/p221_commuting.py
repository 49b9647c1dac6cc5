import numpy as np


def noncommutative_pair():
    X = np.array([[1, 2], [3, 4]])
    W = np.eye(2)
    return X, W
