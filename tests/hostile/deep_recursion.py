# attack: unbounded recursion
# exercise: 209
# status: error
# message: RecursionError
class MulLayer:
    def forward(self, x, y):
        return self.forward(x, y)

    def backward(self, dout):
        return self.backward(dout)
