class AddLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x = x
        self.y = y
        out = x + y
        return out

    def backward(self, dout):
        dx = dout * self.y  # 실수: 곱셈 계층의 역전파를 그대로 옮겼다
        dy = dout * self.x
        return dx, dy
