import numpy as np


class Adam:
    """Momentum and AdaGrad together: running means of the gradient (m) and of its square (v),
    with the step's learning rate corrected for their start at zero on step t:
    lr_t = lr * sqrt(1 - beta2**t) / (1 - beta1**t)."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        # BEGIN SOLUTION
        if self.m is None:
            self.m = {name: np.zeros_like(value) for name, value in params.items()}
            self.v = {name: np.zeros_like(value) for name, value in params.items()}
        self.iter += 1
        lr_t = self.lr
        for name in params:
            g = grads[name]
            self.m[name] += (1.0 - self.beta1) * (g - self.m[name])
            self.v[name] += (1.0 - self.beta2) * (g ** 2 - self.v[name])
            params[name] -= lr_t * self.m[name] / (np.sqrt(self.v[name]) + 1e-7)
        # END SOLUTION
