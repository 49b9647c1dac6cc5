class MulLayer:
    def __init__(self):
        self.inputs = None

    def forward(self, a, b):
        self.inputs = (a, b)
        product = a * b
        return product

    def backward(self, grad):
        a, b = self.inputs
        grad_a = grad * b
        grad_b = grad * a
        return grad_a, grad_b
