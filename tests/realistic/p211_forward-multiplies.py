# exercise: 211
# mistake: forward multiplies the inputs (copied from MulLayer)
# expect: forward-multiplies
class AddLayer:
    def __init__(self):
        pass

    def forward(self, x, y):
        out = x * y
        return out

    def backward(self, dout):
        dx = dout * 1
        dy = dout * 1
        return dx, dy
