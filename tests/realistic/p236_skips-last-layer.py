# exercise: 236
# mistake: gradient starts the backward pass from dout = 1 and skips the softmax layer
# expect: dout-ones, skips-last-layer
import numpy as np
from collections import OrderedDict
from p214 import Relu
from p219 import Affine
from p230 import SoftmaxWithLoss


class ThreeLayerNet:
    def __init__(self, params):
        self.params = params  # shared with the layers: W1 b1 W2 b2 W3 b3
        self.layers = OrderedDict()  # one key, and one Relu object, per layer
        self.layers['Affine1'] = Affine(params['W1'], params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(params['W2'], params['b2'])
        self.layers['Relu2'] = Relu()
        self.layers['Affine3'] = Affine(params['W3'], params['b3'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        y = self.predict(x)
        return self.lastLayer.forward(y, t)

    def gradient(self, x, t):
        # forward
        self.loss(x, t)
        # backward, in the reverse order
        dout = np.ones_like(self.lastLayer.y)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for i in (1, 2, 3):
            grads['W%d' % i] = self.layers['Affine%d' % i].dW
            grads['b%d' % i] = self.layers['Affine%d' % i].db
        return grads
