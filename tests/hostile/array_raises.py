# attack: returns an object whose __array__ and every conversion raise
# exercise: 209
# status: error
# message: not a number
class Exploding:
    def __array__(self, *args, **kwargs):
        raise RuntimeError("no")

    def __float__(self):
        raise RuntimeError("no")

    def __repr__(self):
        raise RuntimeError("no")

    def __len__(self):
        raise RuntimeError("no")


class MulLayer:
    def forward(self, x, y):
        return Exploding()

    def backward(self, dout):
        return Exploding(), Exploding()
