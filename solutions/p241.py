import numpy as np


class Momentum:
    """Gradient descent with a velocity per parameter: v <- momentum * v - lr * grad, then the
    parameter moves by v. The velocities start at zero on the first update."""

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        # BEGIN SOLUTION
        if self.v is None:
            self.v = {name: np.zeros_like(value) for name, value in params.items()}
        for name in params:
            self.v[name] = self.momentum * self.v[name] - self.lr * grads[name]
            params[name] += self.v[name]
        # END SOLUTION
