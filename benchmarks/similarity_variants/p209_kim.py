class MulLayer:
    """z = x * y"""

    def __init__(self):
        self.saved = {}

    def forward(self, x, y):
        self.saved["x"] = x
        self.saved["y"] = y
        return x * y

    def backward(self, dout):
        return dout * self.saved["y"], dout * self.saved["x"]
