# coding: utf-8
# Exercise 238 as the course hands it in (a test fixture, see ../README.md): one more hidden
# layer, the class still named TwoLayerNet (with four sizes); MNIST loaded, the network trained
# and the accuracies plotted at module level.
import sys, os
sys.path.append(os.pardir)  # common/ 패키지는 한 단계 위 폴더에 있다
import numpy as np
from common.layers import *
from collections import OrderedDict
from dataset.mnist import load_mnist
import matplotlib.pyplot as plt


class TwoLayerNet:

    def __init__(self, input_size, hidden_size, hidden_size2, output_size, weight_init_std=0.01):
        # 층마다 Affine 하나, 마지막 층 말고는 그 뒤에 Relu 하나
        widths = [input_size, hidden_size, hidden_size2, output_size]
        self.params = {}
        self.layers = OrderedDict()
        for n, (inputs, outputs) in enumerate(zip(widths, widths[1:]), start=1):
            self.params[f'W{n}'] = weight_init_std * np.random.randn(inputs, outputs)
            self.params[f'b{n}'] = np.zeros(outputs)
            self.layers[f'Affine{n}'] = Affine(self.params[f'W{n}'], self.params[f'b{n}'])
            if n < len(widths) - 1:
                self.layers[f'Relu{n}'] = Relu()
        self.lastLayer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.lastLayer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        if t.ndim == 2:
            t = t.argmax(axis=1)
        return np.mean(self.predict(x).argmax(axis=1) == t)

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.lastLayer.backward(1)
        for layer in reversed(self.layers.values()):
            dout = layer.backward(dout)
        grads = {}
        for name, layer in self.layers.items():
            if name.startswith('Affine'):
                n = name[len('Affine'):]
                grads['W' + n], grads['b' + n] = layer.dW, layer.db
        return grads


(images, labels), (test_images, test_labels) = load_mnist(normalize=True, one_hot_label=True)
net = TwoLayerNet(input_size=784, hidden_size=50, hidden_size2=50, output_size=10)

steps, batch, rate = 10000, 100, 0.1
steps_per_epoch = max(len(images) // batch, 1)
train_acc, test_acc = [], []

for step in range(steps):
    chosen = np.random.choice(len(images), batch)
    grads = net.gradient(images[chosen], labels[chosen])
    for key in net.params:
        net.params[key] -= rate * grads[key]
    if step % steps_per_epoch == 0:
        train_acc.append(net.accuracy(images, labels))
        test_acc.append(net.accuracy(test_images, test_labels))
        print(train_acc[-1], test_acc[-1])

plt.plot(train_acc, label='train acc')
plt.plot(test_acc, '--', label='test acc')
plt.legend(loc='lower right')
plt.show()
