# attack: says on the result channel that it is done as it loads, then runs as a correct MulLayer: a "done" before every check reported is not the end, and the checks that follow are judged
# exercise: 209
# status: passed
import os

os.write(3, b'{"e": "loaded"}\n{"e": "done"}\n')


class MulLayer:
    """A correct one, judged in full after the forged "done"."""

    def forward(self, x, y):
        self.inputs = x, y
        return x * y

    def backward(self, dout):
        x, y = self.inputs
        return dout * y, dout * x
