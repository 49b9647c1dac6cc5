# exercise: 151
# mistake: the derivative applies the sigmoid again to x, which already is a sigmoid output
# expect: sigmoid-of-output
import numpy as np


def sigmoid(x, deriv=False):
    s = 1 / (1 + np.exp(-x))
    if deriv:
        return s * (1 - s)
    return s
