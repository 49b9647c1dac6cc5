# The gradient by central differences, against which backpropagation is checked.
# (A test fixture in the book's layout; see tests/book/README.md.)
import numpy as np


def numerical_gradient(f, x):
    step = 1e-4
    slopes = np.zeros_like(x)
    for at in np.ndindex(x.shape):
        # x is nudged in place: a network whose layers share x sees the nudge
        kept = x[at]
        x[at] = kept + step
        above = f(x)
        x[at] = kept - step
        below = f(x)
        x[at] = kept
        slopes[at] = (above - below) / (2 * step)
    return slopes
