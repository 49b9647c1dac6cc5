import numpy as np


def noncommutative_pair():
    X = np.array([[1, 2], [3, 4]])
    W = np.array([[5, 6], [7, 8]])
    return X, W  # X·W = [[19 22] [43 50]], W·X = [[23 34] [31 46]]
