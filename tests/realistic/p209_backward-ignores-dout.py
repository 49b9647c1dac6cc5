# exercise: 209
# mistake: backward returns y and x, not multiplied by dout
# expect: ignores-dout
class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        return x * y

    def backward(self, dout):
        return self.y, self.x
