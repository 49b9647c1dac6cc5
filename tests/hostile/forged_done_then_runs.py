# attack: says on the result channel that it is done as it loads, then runs as a correct MulLayer: a "done" before every check reported is not the end, and the checks that follow are judged
# exercise: 209
# status: passed
import os

os.write(3, b'{"e": "loaded"}\n{"e": "done"}\n')


class MulLayer:
    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x
