# attack: raises an exception whose message holds a lone surrogate, which no UTF-8 file or terminal can take
# exercise: 209
# status: error
# message: ValueError
class MulLayer:
    def forward(self, x, y):
        raise ValueError("bad \ud800 value \udcff")

    def backward(self, dout):
        return dout, dout
