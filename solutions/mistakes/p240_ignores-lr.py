class SGD:
    """Stochastic gradient descent: each parameter steps against its gradient, lr times it."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        # BEGIN SOLUTION
        for name, grad in grads.items():
            params[name] -= grad  # in place: the layers share these arrays
        # END SOLUTION
