# Functions shared by the layers: an activation, softmax and the loss.
# (A test fixture in the book's layout; see tests/book/README.md.)
import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax(x):
    # each row's largest score is taken off first, so that exp cannot overflow
    scores = np.exp(x - x.max(axis=-1, keepdims=True))
    return scores / scores.sum(axis=-1, keepdims=True)


def cross_entropy_error(y, t):
    # one 1-D sample counts as a batch of one; t holds one-hot rows or class indices
    probabilities = y.reshape(-1, y.shape[-1])
    if t.size == probabilities.size:
        t = t.reshape(probabilities.shape).argmax(axis=1)
    right = probabilities[np.arange(len(probabilities)), t]
    return -np.log(right + 1e-7).mean()  # 1e-7: a probability of 0 must not give -inf
