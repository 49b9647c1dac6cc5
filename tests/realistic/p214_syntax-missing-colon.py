# exercise: 214
# mistake: a colon is missing after def forward(self, x); every file that imports p214 fails too
# expect: syntax
# expect p233: cause:214
# expect p234: cause:214
class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x)
        self.mask = (x <= 0)
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        dx = dout
        return dx
