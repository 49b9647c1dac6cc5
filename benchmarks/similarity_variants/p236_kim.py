from collections import OrderedDict

from p214 import Relu
from p219 import Affine
from p230 import SoftmaxWithLoss


class ThreeLayerNet:
    def __init__(self, params):
        self.params = params
        self.layers = OrderedDict()
        for i in range(1, 4):
            self.layers["Affine%d" % i] = Affine(params["W%d" % i], params["b%d" % i])
            if i < 3:
                self.layers["Relu%d" % i] = Relu()
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        out = x
        for name in self.layers:
            out = self.layers[name].forward(out)
        return out

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def gradient(self, x, t):
        self.loss(x, t)
        g = self.lastLayer.backward(1)
        for name in reversed(self.layers):
            g = self.layers[name].backward(g)
        result = {}
        for i in range(1, 4):
            layer = self.layers["Affine%d" % i]
            result["W%d" % i] = layer.dW
            result["b%d" % i] = layer.db
        return result
