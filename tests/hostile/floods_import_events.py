# attack: floods the result pipe with the worker's own "importing" events, then works correctly
# exercise: 209
# status: passed
# message:
import os

for _ in range(50_000):
    os.write(3, b'{"e": "importing", "module": "p211"}\n')

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
        dx = dout * self.y  # x와 y를 바꾼다
        dy = dout * self.x
        return dx, dy
