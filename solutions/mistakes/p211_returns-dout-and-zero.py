class AddLayer:
    def __init__(self):
        pass

    def forward(self, x, y):
        out = x + y
        return out

    def backward(self, dout):
        dx = dout * 1
        dy = 0  # 실수: y 쪽으로도 dout이 흘러야 한다
        return dx, dy
