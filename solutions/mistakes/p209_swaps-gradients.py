class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        out = x * y
        return out

    def backward(self, dout):
        dx = dout * self.x  # 실수: 입력을 바꾸지 않았다
        dy = dout * self.y
        return dx, dy
