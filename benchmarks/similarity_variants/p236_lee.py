import numpy as np
from collections import OrderedDict
from p214 import Relu
from p219 import Affine
from p230 import SoftmaxWithLoss

NAMES = ["Affine1", "Relu1", "Affine2", "Relu2", "Affine3"]


class ThreeLayerNet:
    def __init__(self, params):
        self.params = params
        p = params
        self.layers = OrderedDict(zip(NAMES, [
            Affine(p["W1"], p["b1"]), Relu(),
            Affine(p["W2"], p["b2"]), Relu(),
            Affine(p["W3"], p["b3"]),
        ]))
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        h = x
        for layer in self.layers.values():
            h = layer.forward(h)
        return h

    def loss(self, x, t):
        scores = self.predict(x)
        loss = self.lastLayer.forward(scores, t)
        return loss

    def gradient(self, x, t):
        _ = self.loss(x, t)
        delta = self.lastLayer.backward(1)
        backwards = list(self.layers.values())[::-1]
        for layer in backwards:
            delta = layer.backward(delta)
        a1, a2, a3 = (self.layers[k] for k in ("Affine1", "Affine2", "Affine3"))
        return {"W1": a1.dW, "b1": a1.db, "W2": a2.dW, "b2": a2.db, "W3": a3.dW, "b3": a3.db}
