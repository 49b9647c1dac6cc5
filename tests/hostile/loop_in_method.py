# attack: an endless loop inside a method
# exercise: 209
# status: timeout
# message: timed out
# timeout-scale: 0.2
class MulLayer:
    def forward(self, x, y):
        while True:
            pass

    def backward(self, dout):
        while True:
            pass
