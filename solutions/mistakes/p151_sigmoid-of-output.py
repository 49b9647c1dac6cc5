import numpy as np


def sigmoid(x, deriv=False):
    if deriv:
        s = 1 / (1 + np.exp(-x))  # x는 이미 시그모이드 출력인데 한 번 더 씌웠다
        return s * (1 - s)
    return 1 / (1 + np.exp(-x))
