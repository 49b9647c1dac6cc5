import numpy as np


def sigmoid(x, deriv=False):
    if deriv:
        return x * (1 - x)  # x는 이미 시그모이드의 출력이다
    return 1 / (1 + np.exp(-x))
