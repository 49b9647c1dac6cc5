# exercise: 209
# mistake: backward takes no dout (the student multiplied by 1 in their head)
# expect: signature
class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        return x * y

    def backward(self):
        dx = self.y
        dy = self.x
        return dx, dy
