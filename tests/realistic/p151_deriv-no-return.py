# exercise: 151
# mistake: the deriv branch computes x * (1 - x) without returning it
# expect: returns-none, no-effect
import numpy as np


def sigmoid(x, deriv=False):
    if deriv == True:
        x * (1 - x)
    else:
        return 1 / (1 + np.exp(-x))
