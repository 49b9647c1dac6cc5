import numpy as np


class AdaGrad:
    """Each parameter's step shrinks with the squares of all its past gradients: h <- h + g*g,
    then W <- W - lr * g / (sqrt(h) + 1e-7) (the small constant keeps h = 0 from dividing)."""

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        # BEGIN SOLUTION
        if self.h is None:
            self.h = {name: np.zeros_like(value) for name, value in params.items()}
        for name in params:
            params[name] -= self.lr * grads[name] / (np.sqrt(self.h[name]) + 1e-7)
            self.h[name] += grads[name] ** 2
        # END SOLUTION
