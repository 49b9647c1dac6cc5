from collections import OrderedDict
from p214 import Relu
from p219 import Affine
from p230 import SoftmaxWithLoss


class ThreeLayerNet:
    def __init__(self, params):
        self.params = params
        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])
        self.layers['Relu2'] = Relu()
        self.layers['Affine3'] = Affine(self.params['W3'], self.params['b3'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        keys = list(self.layers.keys())
        i = 0
        while i < len(keys):
            x = self.layers[keys[i]].forward(x)
            i += 1
        return x

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = 1
        dout = self.lastLayer.backward(dout)
        keys = list(self.layers.keys())
        i = len(keys) - 1
        while i >= 0:
            dout = self.layers[keys[i]].backward(dout)
            i -= 1
        grads = dict()
        for n in ('1', '2', '3'):
            grads['W' + n] = self.layers['Affine' + n].dW
            grads['b' + n] = self.layers['Affine' + n].db
        return grads
