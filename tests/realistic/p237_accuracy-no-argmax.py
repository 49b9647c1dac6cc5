# exercise: 237
# mistake: accuracy compares the scores with the one-hot labels, without argmax
# expect: accuracy-no-argmax
import numpy as np
from collections import OrderedDict
from p214 import Relu
from p216 import Sigmoid
from p219 import Affine
from p230 import SoftmaxWithLoss


class TwoLayerNet:
    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01,
                 activation='relu'):
        # weights: small random numbers; biases: zeros
        self.params = {}
        self.params['W1'] = weight_init_std * np.random.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = weight_init_std * np.random.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)

        # layers: the Affine layers share the arrays of self.params, so updating
        # self.params in place (-=) updates the layers too
        self.layers = OrderedDict()
        self.layers['Affine1'] = Affine(self.params['W1'], self.params['b1'])
        if activation == 'relu':
            self.layers['Relu1'] = Relu()
        elif activation == 'sigmoid':
            self.layers['Sigmoid1'] = Sigmoid()
        else:
            raise ValueError("activation must be 'relu' or 'sigmoid'")
        self.layers['Affine2'] = Affine(self.params['W2'], self.params['b2'])
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        y = self.predict(x)
        return self.lastLayer.forward(y, t)

    def accuracy(self, x, t):
        y = self.predict(x)
        return np.sum(y == t) / float(x.shape[0])

    def gradient(self, x, t):
        # forward
        self.loss(x, t)
        # backward, in the reverse order
        dout = self.lastLayer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db
        grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db
        return grads
