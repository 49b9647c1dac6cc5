# attack: sys.exit inside forward
# exercise: 209
# status: error
# message: SystemExit
import sys


class MulLayer:
    def forward(self, x, y):
        sys.exit("bye")

    def backward(self, dout):
        sys.exit("bye")
