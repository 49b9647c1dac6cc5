import numpy as np


def sigmoid(x, deriv=False):
    return 1 / (1 + np.exp(-x))  # deriv를 보지 않는다
