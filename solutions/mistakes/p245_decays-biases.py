import numpy as np
from collections import OrderedDict
from p214 import Relu
from p219 import Affine
from p230 import SoftmaxWithLoss


class WeightDecayNet:
    """A two-layer network whose loss carries an L2 penalty on its weights (weight decay)."""

    def __init__(self, params, weight_decay_lambda=0.0):
        self.params = params  # W1 b1 W2 b2, shared with the layers
        self.weight_decay_lambda = weight_decay_lambda
        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(params['W1'], params['b1'])
        self.layers['Relu1'] = Relu()
        self.layers['Affine2'] = Affine(params['W2'], params['b2'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        data_loss = self.lastLayer.forward(self.predict(x), t)
        # the penalty: half lambda times the squared parameters
        penalty = 0.0
        for key in ('W1', 'b1', 'W2', 'b2'):
            penalty += 0.5 * self.weight_decay_lambda * np.sum(self.params[key] ** 2)
        return data_loss + penalty

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for i in (1, 2):
            affine = self.layers['Affine%d' % i]
            # the penalty's own gradient: lambda times the weight
            grads['W%d' % i] = affine.dW + self.weight_decay_lambda * self.params['W%d' % i]
            grads['b%d' % i] = affine.db + self.weight_decay_lambda * self.params['b%d' % i]
        return grads
